"""Files generated from the metric registry (`onstrategy.metrics`), written by `python -m onstrategy.codegen`.

- `dbt_project/macros/metrics/registry.sql`: what the dbt macros need to know of each metric;
- the metric columns of the adherence marts (`models/marts/_marts__adherence.yml`, one generated block per mart)
  and of the intermediate models of the whole metric set (`models/intermediate/_intermediate__models.yml`);
- the share measures and ratio metrics of the semantic layer (`models/semantic/_semantic__bookings.yml`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from onstrategy.codegen import GENERATED_NOTE, fill_yaml_blocks, jinja_literal
from onstrategy.metrics import (
    ADHERENCE_COLUMNS,
    BOOKINGS,
    BY_NAME,
    CREDIT_PREDICATES,
    FLAGGABLE_METRICS,
    GROUP_MARTS,
    METRICS,
    OBJECTIVE_METRICS,
    Metric,
    group_mart_metrics,
)
from onstrategy.paths import DBT_PROJECT_DIR, PROJECT_ROOT

NOTE = GENERATED_NOTE.format(source="orchestration/onstrategy/metrics.py")
MACRO_FILE = DBT_PROJECT_DIR / "macros" / "metrics" / "registry.sql"
ADHERENCE_YAML = PROJECT_ROOT / "models" / "marts" / "_marts__adherence.yml"
INTERMEDIATE_YAML = PROJECT_ROOT / "models" / "intermediate" / "_intermediate__models.yml"
SEMANTIC_YAML = PROJECT_ROOT / "models" / "semantic" / "_semantic__bookings.yml"

# The adherence marts by grain: the registry metrics each shows (the rep mart has no reps_selling: one rep).
ADHERENCE_MART_METRICS = {
    "fct_strategy_adherence_by_rep": tuple(c for c in ADHERENCE_COLUMNS[1:] if c != "reps_selling"),
    # the team mart shows bookings_amount last, after the adherence columns
    "fct_strategy_adherence_by_team": (*(c for c in ADHERENCE_COLUMNS[1:] if c != "bookings_amount"),
                                       "bookings_amount"),
    "fct_strategy_adherence_company": ADHERENCE_COLUMNS[1:],
    # the fiscal-year marts (SPEC "Fiscal years") show what their quarterly marts show
    "fct_strategy_adherence_by_rep_year": tuple(c for c in ADHERENCE_COLUMNS[1:] if c != "reps_selling"),
    "fct_strategy_adherence_company_year": ADHERENCE_COLUMNS[1:],
    # a manager's roll-up (SPEC "Organisation") shows what the company shows
    "fct_strategy_adherence_by_manager": ADHERENCE_COLUMNS[1:],
    **{f"fct_strategy_adherence_by_{mart}": group_mart_metrics(mart) for mart in GROUP_MARTS},
}
# intermediate models of the whole metric set: a team's metrics over a plan's baseline window (SPEC "Sales alignment
# plans") show what the company mart shows
INTERMEDIATE_METRIC_MODELS = {"int_team_plan_baselines": ADHERENCE_COLUMNS[1:]}


def _jinja_mapping(mapping: Mapping[str, object], indent: str = "        ") -> str:
    """A dict as a Jinja literal, one key per line."""
    items = [f"{indent}{jinja_literal(key)}: {jinja_literal(value)}," for key, value in mapping.items()]
    return "{\n" + "\n".join(items).rstrip(",") + "\n" + indent[:-4] + "}"


def _jinja_list(names: tuple[str, ...] | list[str], indent: str = "        ") -> str:
    """A list of names as a Jinja literal, wrapped before 120 characters."""
    lines, line = [], indent
    for name in names:
        item = jinja_literal(name) + ", "
        if len(line) + len(item) > 118:
            lines.append(line.rstrip())
            line = indent
        line += item
    lines.append(line.rstrip().rstrip(","))
    return "[\n" + "\n".join(lines) + "\n" + indent[:-4] + "]"


def registry_macro() -> str:
    registry = {m.name: {"source": m.source, "share_of": m.share_of, "not_null": m.not_null} for m in METRICS}
    sources = {source: [m.name for m in METRICS if m.source == source]
               for source in dict.fromkeys(m.source for m in METRICS)}
    group_marts = {mart: list(group_mart_metrics(mart)) for mart in GROUP_MARTS}
    lines = [
        f"{{#- {NOTE}",
        "    What the dbt macros know of each metric: its source (bookings, activities, pipeline, balance, ...), the",
        "    booking-line condition of an amount-weighted share (`share_of`, from which metric_sql writes its SQL) and",
        "    whether it is 0 rather than NULL for a group without any; objective_metrics() names the objectives. -#}",
        "",
        "{% macro metric_registry() -%}",
        f"    {{{{ return({_jinja_mapping(registry)}) }}}}",
        "{%- endmacro %}",
        "",
        "{#- The metrics of one source, in the adherence marts' order. -#}",
        "{% macro metrics_of(source) -%}",
        f"    {{%- set sources = {_jinja_mapping(sources)} -%}}",
        "    {{ return(sources.get(source, [])) }}",
        "{%- endmacro %}",
        "",
        "{#- The metrics objectives and red flags may name (onstrategy.metrics.OBJECTIVE_METRICS). -#}",
        "{% macro objective_metrics() -%}",
        f"    {{{{ return({_jinja_list(OBJECTIVE_METRICS)}) }}}}",
        "{%- endmacro %}",
        "",
        "{#- The metrics a red flag may watch (onstrategy.metrics.FLAGGABLE_METRICS): the objective metrics and",
        "    those where less is better. -#}",
        "{% macro flaggable_metrics() -%}",
        f"    {{{{ return({_jinja_list(FLAGGABLE_METRICS)}) }}}}",
        "{%- endmacro %}",
        "",
        "{#- Each credit-rule predicate and its condition on fct_bookings' columns",
        "    (onstrategy.metrics.CREDIT_PREDICATES). -#}",
        "{% macro credit_predicates() -%}",
        f"    {{{{ return({_jinja_mapping(CREDIT_PREDICATES)}) }}}}",
        "{%- endmacro %}",
        "",
        "{#- The columns `strategy_adherence` returns besides the group and quarter keys, in order. -#}",
        "{% macro adherence_columns() -%}",
        f"    {{{{ return({_jinja_list(ADHERENCE_COLUMNS)}) }}}}",
        "{%- endmacro %}",
        "",
        "{#- The metrics of a booking-group mart (segment, persona, product) in column order; with `source`, only",
        "    those of that source. -#}",
        "{% macro group_mart_metrics(mart, source=none) -%}",
        f"    {{%- set marts = {_jinja_mapping(group_marts)} -%}}",
        "    {%- if source is none -%}",
        "        {{ return(marts[mart]) }}",
        "    {%- endif -%}",
        "    {{ return(marts[mart] | select('in', onstrategy.metrics_of(source)) | list) }}",
        "{%- endmacro %}",
        "",
    ]
    return "\n".join(lines)


def _metric_columns(names: tuple[str, ...]) -> list[str]:
    lines = []
    for name in names:
        lines += [f"- name: {name}", f"  data_type: {BY_NAME[name].data_type}",
                  f"  description: '{{{{ doc(\"{name}\") }}}}'"]
        if BY_NAME[name].not_null:
            lines.append("  data_tests: [not_null]")
    return lines


def _booking_shares() -> Iterator[tuple[Metric, str]]:
    """Each amount-weighted share of bookings with the name of its numerator measure (`<share>_amount`)."""
    for m in METRICS:
        if m.source == BOOKINGS and m.share_of:
            yield m, m.name.removesuffix("_share") + "_amount"


def _share_measures() -> list[str]:
    lines = []
    for m, amount in _booking_shares():
        lines += [f"- name: {amount}", f"  description: Booking amount {m.share_phrase}.", "  agg: sum",
                  f"  expr: case when {m.share_of} then amount else 0 end", "  create_metric: true"]
    return lines


def _share_metrics() -> list[str]:
    lines = []
    for m, amount in _booking_shares():
        lines += [f"- name: {m.name}", f"  label: {m.label}",
                  f"  description: Share of bookings {m.share_phrase} (amount-weighted).",
                  "  type: ratio", "  type_params:", f"    numerator: {amount}", "    denominator: bookings", ""]
    return lines[:-1]


def generated_files() -> dict[Path, str]:
    """Each file generated from the metric registry and the text it must hold."""
    adherence_blocks = {f"metric_columns:{mart}": (lambda names=names: _metric_columns(names))
                        for mart, names in ADHERENCE_MART_METRICS.items()}
    intermediate_blocks = {f"metric_columns:{model}": (lambda names=names: _metric_columns(names))
                           for model, names in INTERMEDIATE_METRIC_MODELS.items()}
    return {
        MACRO_FILE: registry_macro(),
        ADHERENCE_YAML: fill_yaml_blocks(ADHERENCE_YAML.read_text(encoding="utf-8"), adherence_blocks),
        INTERMEDIATE_YAML: fill_yaml_blocks(INTERMEDIATE_YAML.read_text(encoding="utf-8"), intermediate_blocks),
        SEMANTIC_YAML: fill_yaml_blocks(SEMANTIC_YAML.read_text(encoding="utf-8"),
                                        {"share_measures": _share_measures, "share_metrics": _share_metrics}),
    }
