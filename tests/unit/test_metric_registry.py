"""Every layer agrees with the metric registry (`onstrategy.metrics`): dbt macros, mart YAML, semantic layer,
strategy schema, site, doc blocks. A metric added to one layer and not derived from the registry fails here."""

import re
from pathlib import Path

import pytest
import yaml

from onstrategy import metrics as registry
from onstrategy.codegen import stale_files
from onstrategy.metric_files import ADHERENCE_MART_METRICS
from onstrategy.paths import DBT_PROJECT_DIR, PROJECT_ROOT
from onstrategy.strategy.load import StrategyError, load_strategy
from onstrategy_site import metrics as site_metrics
from onstrategy_site.definitions import doc_blocks

DEFINITIONS_MACRO = DBT_PROJECT_DIR / "macros" / "metrics" / "definitions.sql"
MARTS_DIR = PROJECT_ROOT / "models" / "marts"


def _metric_sql_keys() -> set[str]:
    """The metrics `metric_sql` writes by hand (its `definitions` dict); shares come from the registry's share_of."""
    text = DEFINITIONS_MACRO.read_text(encoding="utf-8")
    body = text[text.index("{%- set definitions = {"):text.index("} -%}")]
    return set(re.findall(r"^\s*'(\w+)':", body, re.MULTILINE))


def test_generated_files_are_current() -> None:
    assert stale_files() == []


def test_every_aggregated_metric_has_exactly_one_sql_definition() -> None:
    aggregated = {m.name for m in registry.METRICS
                  if m.source in (registry.BOOKINGS, registry.EFFORT, registry.ACTIVITIES, registry.PIPELINE)}
    by_hand = _metric_sql_keys()
    from_share_of = {m.name for m in registry.METRICS if m.share_of}
    assert by_hand.isdisjoint(from_share_of), "a share is both hand-written and derived from share_of"
    assert by_hand | from_share_of == aggregated


def test_every_metric_has_a_doc_block() -> None:
    blocks = doc_blocks()
    missing = [m.name for m in registry.METRICS if not blocks.get(m.name)]
    assert missing == []


def test_adherence_mart_yaml_columns_follow_the_registry() -> None:
    models = {m["name"]: m for m in yaml.safe_load((MARTS_DIR / "_marts__adherence.yml").read_text())["models"]}
    for mart, names in ADHERENCE_MART_METRICS.items():
        columns = [c["name"] for c in models[mart]["columns"]]
        metric_columns = [c for c in columns if c in names]
        assert metric_columns == list(names), mart
        for column in models[mart]["columns"]:
            if column["name"] in names:
                assert column["description"] == f'{{{{ doc("{column["name"]}") }}}}'
                assert ("not_null" in (column.get("data_tests") or [])) == registry.BY_NAME[column["name"]].not_null


def test_adherence_columns_are_the_registry_metrics_in_order() -> None:
    assert registry.ADHERENCE_COLUMNS[0] == "version_id"
    ordered = [m.name for m in registry.METRICS if m.in_adherence_marts]
    assert list(registry.ADHERENCE_COLUMNS[1:]) == ordered
    assert ADHERENCE_MART_METRICS["fct_strategy_adherence_company"] == registry.ADHERENCE_COLUMNS[1:]


def test_semantic_layer_has_one_ratio_metric_per_booking_share() -> None:
    semantic = yaml.safe_load((PROJECT_ROOT / "models" / "semantic" / "_semantic__bookings.yml").read_text())
    ratios = {m["name"]: m for m in semantic["metrics"] if m["type"] == "ratio"}
    shares = {m.name: m for m in registry.METRICS if m.source == registry.BOOKINGS and m.share_of}
    # the one ratio that is not a share of bookings: strategy credit per booked dollar (SPEC "Strategy credit")
    credit_ratio = ratios.pop("credit_ratio")
    assert credit_ratio["type_params"] == {"numerator": "strategy_credit", "denominator": "bookings"}
    assert set(ratios) == set(shares)
    measures = {m["name"]: m for m in semantic["semantic_models"][0]["measures"]}
    for name, metric in shares.items():
        numerator = ratios[name]["type_params"]["numerator"]
        assert measures[numerator]["expr"] == f"case when {metric.share_of} then amount else 0 end"
        assert ratios[name]["label"] == metric.label


def test_strategy_schema_accepts_exactly_the_objective_metrics(tmp_path: Path) -> None:
    objective = [m.name for m in registry.METRICS if m.objective]
    assert list(registry.OBJECTIVE_METRICS) == objective

    base = yaml.safe_load((PROJECT_ROOT / "strategy.yml").read_text(encoding="utf-8"))

    def strategy_with_objective(metric: str) -> Path:
        for version in base["versions"]:
            version["objectives"] = [{"metric": metric, "target": 0.5, "weight": 1}]
        path = tmp_path / f"{metric}.yml"
        path.write_text(yaml.safe_dump(base, sort_keys=False), encoding="utf-8")
        return path

    for metric in objective:
        assert load_strategy(strategy_with_objective(metric)).versions[0].objectives[0].metric == metric
    for not_objective in ("bookings_amount", "expansion_share", "adherence_score", "mrr"):
        with pytest.raises(StrategyError, match="unknown metric"):
            load_strategy(strategy_with_objective(not_objective))


def test_default_red_flags_watch_flaggable_metrics() -> None:
    for flag in registry.DEFAULT_RED_FLAGS:
        assert flag in registry.RED_FLAG_NAMES
        watched = flag.removesuffix(registry.RED_FLAG_SUFFIX).removesuffix(registry.RED_FLAG_SUFFIX_ABOVE)
        assert watched in registry.FLAGGABLE_METRICS
        assert registry.RED_FLAG_NAMES[flag] == watched


def test_site_shows_registry_labels_and_formats() -> None:
    for m in registry.METRICS:
        shown = site_metrics.metric(m.name)
        assert (shown.label, shown.kind, shown.better) == (m.label, m.kind, m.better)
    assert "red_flags" not in site_metrics.DELTA_METRICS  # a list of names has no delta
    assert {"adherence_score", "on_strategy_share", "bookings_amount"} <= set(site_metrics.DELTA_METRICS)


def test_group_mart_metrics_are_booking_shares_or_the_balance_score() -> None:
    for mart in registry.GROUP_MARTS:
        for name in registry.group_mart_metrics(mart):
            assert registry.BY_NAME[name].share_of or registry.BY_NAME[name].source == registry.BALANCE
