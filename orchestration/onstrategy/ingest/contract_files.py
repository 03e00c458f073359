"""Files generated from the input contract (`onstrategy.ingest.contracts`), so no other layer repeats it
(written by `python -m onstrategy.codegen`, `make generate`).

- `models/staging/salesforce/_salesforce__sources.yml`: the dbt source of every Salesforce raw table, its columns
  and what each holds;
- `models/quarantine/_quarantine__salesforce.yml`: the docs and tests of every Salesforce quarantine model, with
  the reasons each can give;
- `dbt_project/macros/quarantine/contract_fields.sql`: the `contract_fields(object)` macro, the typed fields of each
  Salesforce object and their plausible ranges, from which the quarantine models build their type checks;
- the generated tables of `docs/input-contract.md` (between its `<!-- generated:... -->` markers).

"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

from onstrategy.codegen import GENERATED_NOTE as CODEGEN_NOTE
from onstrategy.codegen import fill_markdown_blocks, jinja_literal
from onstrategy.ingest.contracts import (
    FIELD_KINDS,
    METADATA_COLUMNS,
    SALESFORCE_OBJECTS,
    STRIPE_OBJECTS,
    FieldKind,
    SourceObject,
)
from onstrategy.ingest.salesforce_ids import SHORT_ID, to_18_sql
from onstrategy.paths import DBT_PROJECT_DIR, PROJECT_ROOT

GENERATED_NOTE = CODEGEN_NOTE.format(source="orchestration/onstrategy/ingest/contracts.py")
SOURCES_FILE = PROJECT_ROOT / "models" / "staging" / "salesforce" / "_salesforce__sources.yml"
QUARANTINE_FILE = PROJECT_ROOT / "models" / "quarantine" / "_quarantine__salesforce.yml"
MACRO_FILE = DBT_PROJECT_DIR / "macros" / "quarantine" / "contract_fields.sql"
DOC_FILE = PROJECT_ROOT / "docs" / "input-contract.md"

METADATA_DESCRIPTIONS = {
    "_source_file": "Landing file the record came from, relative to the landing zone.",
    "_source_line": "1-based record number within that file.",
    "_batch_rank": "Order of the file among the object's batches (1 = first in name order).",
}


def _column_description(obj: SourceObject, column: str) -> str:
    need = "required" if column in obj.required_columns else "optional"
    text = f"Salesforce field {column} ({need} in the input contract), as text"
    if column in obj.id_columns:
        text += "; a 15-character Id is written in its 18-character form"
    kind = obj.kind_of(column)
    if kind:
        text += f"; read as {kind.name.replace('_', ' ')}"
    return text + "."


class _IndentedDumper(yaml.SafeDumper):
    """Lists indented under their key, as dbt's own YAML is written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def sources_yaml() -> str:
    tables = []
    for obj in SALESFORCE_OBJECTS:
        columns = [{"name": c, "description": _column_description(obj, c)} for c in obj.columns]
        columns += [{"name": c, "description": METADATA_DESCRIPTIONS[c]} for c in METADATA_COLUMNS]
        tables.append({"name": obj.table, "description": f"{obj.description} One row per exported record of every "
                       "batch file, values as text.", "columns": columns})
    document = {"version": 2, "sources": [{
        "name": "salesforce", "schema": "raw_salesforce",
        "description": "Salesforce Bulk API / Data Loader exports, loaded as text by the ingest assets (Contract 1 "
                       "of docs/architecture.md; the input contract: docs/input-contract.md).",
        "tables": tables}]}
    return f"# {GENERATED_NOTE}\n" + yaml.dump(document, Dumper=_IndentedDumper, sort_keys=False, width=4096,
                                               allow_unicode=True)


def quarantine_yaml() -> str:
    models = []
    for obj in SALESFORCE_OBJECTS:
        columns: list[dict[str, object]] = [
            {"name": c, "description": f"Salesforce field {c} of the quarantined record, as text as read"
             + (" (an Id in its 18-character form)" if c in obj.id_columns else "") + "."}
            for c in obj.columns]
        columns += [{"name": "_source_file", "description": METADATA_DESCRIPTIONS["_source_file"],
                     "data_tests": ["not_null"]},
                    {"name": "_source_line", "description": METADATA_DESCRIPTIONS["_source_line"],
                     "data_tests": ["not_null"]},
                    {"name": "_batch_rank", "description": METADATA_DESCRIPTIONS["_batch_rank"]}]
        reasons = obj.quarantine_reasons
        columns.append({
            "name": "reason",
            "description": "Why the record cannot be used (the first check that failed): "
                           + ", ".join(f"`{r}`" for r in reasons) + ".",
            "data_tests": ["not_null", {"accepted_values": {"arguments": {"values": list(reasons)}}}]})
        columns.append({"name": "reason_field", "description": "The field the reason concerns (e.g. `CloseDate`).",
                        "data_tests": ["not_null"]})
        models.append({
            "name": f"quarantine_salesforce__{obj.table}",
            "description": f"{obj.name} records that cannot be used, published as `quarantine.{obj.table}`: the raw "
                           "record, its file and line, and the reason. They take no part in staging; counted by "
                           "reason on the site's data-quality page and in `audit.load_reconciliation`.",
            "data_tests": [{"onstrategy.unique_combination_of_columns": {"arguments": {
                "combination_of_columns": ["_source_file", "_source_line"]}}}],
            "columns": columns})
    return f"# {GENERATED_NOTE}\n" + yaml.safe_dump({"version": 2, "models": models}, sort_keys=False, width=120,
                                                   allow_unicode=True)


def salesforce_id_macro() -> list[str]:
    """The `salesforce_id_18(column)` macro: onstrategy.ingest.salesforce_ids' rule, in portable SQL."""
    column = "{{ column }}"
    is_short = "{{ onstrategy.regex_full_match(column, \"'" + SHORT_ID.pattern + "'\") }}"
    return ["",
            "{#- A Salesforce Id in its 18-character form (a 15-character Id gets its case-safe checksum; any",
            "    other value is unchanged): the rule of onstrategy/ingest/salesforce_ids.py, for Ids inside other",
            "    sources. -#}",
            "{% macro salesforce_id_18(column) -%}", "    " + to_18_sql(column, is_short), "{%- endmacro %}", ""]


def contract_macro() -> str:
    lines = [f"{{#- {GENERATED_NOTE}",
             "    The typed fields of each Salesforce object: (field, parser, minimum, maximum); the quarantine",
             "    builds its type checks from them (contract_checks in macros/quarantine/records.sql). -#}",
             "{% macro contract_fields(object_name) -%}", "    {%- set fields = {"]
    for obj in SALESFORCE_OBJECTS:
        entries = []
        for column in obj.columns:
            kind = obj.kind_of(column)
            if kind:
                entries.append(jinja_literal((column, kind.parse, kind.minimum, kind.maximum)))
        lines.append(f"        {jinja_literal(obj.name)}: [")
        lines += [f"            {entry}," for entry in entries]
        lines.append("        ],")
    lines += ["    } -%}", "    {{ return(fields[object_name]) }}", "{%- endmacro %}"]
    return "\n".join(lines + reconciled_objects_macro() + salesforce_id_macro())


def reconciled_objects_macro() -> list[str]:
    """The objects audit.load_reconciliation counts record by record, with their staging models."""
    salesforce = [jinja_literal((o.name, o.table, o.staging_model, "IsDeleted" in o.columns))
                  for o in SALESFORCE_OBJECTS if o.keyed]
    stripe = [jinja_literal((o.name, o.staging_model)) for o in STRIPE_OBJECTS]
    return ["",
            "{#- The keyed Salesforce objects: (object, raw table, staging model, has IsDeleted), and the Stripe",
            "    objects: (object, staging model); audit.load_reconciliation counts every record of each. -#}",
            "{% macro reconciled_salesforce_objects() -%}",
            "    {{ return([", *[f"        {entry}," for entry in salesforce], "    ]) }}", "{%- endmacro %}",
            "",
            "{% macro reconciled_stripe_objects() -%}",
            "    {{ return([", *[f"        {entry}," for entry in stripe], "    ]) }}", "{%- endmacro %}"]


def _kinds_table() -> str:
    rows = ["| kind | read as | plausible values (else quarantined) |", "|---|---|---|"]
    for kind in FIELD_KINDS.values():
        rows.append(f"| `{kind.name}` | {kind.meaning} | {_range_text(kind)} |")
    return "\n".join(rows)


def _range_text(kind: FieldKind) -> str:
    def show(value: float | date) -> str:
        if isinstance(value, date):
            return value.isoformat()
        return f"{value:,.0f}" if abs(value) < 1e6 else f"{value:.0e}".replace("e+", "e")
    low, high = kind.minimum, kind.maximum
    if low is None and high is None:
        return "any value that parses"
    if low is None:
        return f"up to {show(high)}"  # type: ignore[arg-type]
    return f"{show(low)} to {show(high)}"  # type: ignore[arg-type]


def _objects_table() -> str:
    rows = ["| object | file | required fields | optional fields | Ids (15 or 18 characters) | typed fields |",
            "|---|---|---|---|---|---|"]
    for obj in SALESFORCE_OBJECTS:
        typed = ", ".join(f"{c} ({k})" for c, k in obj.field_kinds.items())
        rows.append(f"| {obj.name} | `salesforce/{obj.name}.csv` or `salesforce/{obj.name}/*.csv`"
                    f"{'' if obj.required_file else ' (optional)'} | {', '.join(obj.required_columns)} | "
                    f"{', '.join(obj.optional_columns) or '–'} | {', '.join(obj.id_columns) or '–'} | {typed} |")
    return "\n".join(rows)


DOC_SECTIONS: dict[str, Callable[[], str]] = {"objects": _objects_table, "kinds": _kinds_table}


def generated_files() -> dict[Path, str]:
    """Each file generated from the input contract and the text it must hold."""
    return {
        SOURCES_FILE: sources_yaml(),
        QUARANTINE_FILE: quarantine_yaml(),
        MACRO_FILE: contract_macro(),
        DOC_FILE: fill_markdown_blocks(DOC_FILE.read_text(encoding="utf-8"), DOC_SECTIONS),
    }
