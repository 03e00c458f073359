"""The validated strategy as tables (Contract 2 of docs/architecture.md): values travel as data, never as SQL."""

from collections.abc import Sequence
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from onstrategy.metrics import RED_FLAG_NAMES, RED_FLAG_SUFFIX_ABOVE
from onstrategy.strategy.fiscal import FIRST_VERSION_VALID_FROM, fiscal_calendar
from onstrategy.strategy.schema import Strategy

OPEN_END = date(9999, 12, 31)
STRATEGY_SCHEMA = "strategy"

SCHEMAS: dict[str, pa.Schema] = {
    "strategy_settings": pa.schema([("reporting_currency", pa.string()), ("fiscal_year_start_month", pa.int32())]),
    "strategy_versions": pa.schema([
        ("version_id", pa.int32()), ("version_name", pa.string()), ("effective_from", pa.date32()),
        ("valid_from", pa.date32()), ("valid_to", pa.date32()), ("late_stage_min_probability", pa.float64()),
        ("new_product_quarters", pa.int32()), ("credit_budget_neutral", pa.bool_())]),
    "strategy_segments": pa.schema([
        ("version_id", pa.int32()), ("rule_order", pa.int32()), ("segment_name", pa.string()),
        ("has_industry_filter", pa.bool_()), ("has_country_filter", pa.bool_()), ("min_employees", pa.int64()),
        ("max_employees", pa.int64()), ("is_icp", pa.bool_()), ("target_share", pa.float64())]),
    "strategy_segment_industries": pa.schema([
        ("version_id", pa.int32()), ("rule_order", pa.int32()), ("industry", pa.string()),
        ("industry_key", pa.string())]),
    "strategy_segment_countries": pa.schema([
        ("version_id", pa.int32()), ("rule_order", pa.int32()), ("country_code", pa.string())]),
    "strategy_target_accounts": pa.schema([("version_id", pa.int32()), ("account_id", pa.string())]),
    "strategy_product_lines": pa.schema([
        ("version_id", pa.int32()), ("line_order", pa.int32()), ("product_line", pa.string()),
        ("target_share", pa.float64()), ("is_strategic", pa.bool_()), ("is_deprioritized", pa.bool_()),
        ("launched_on", pa.date32())]),
    "strategy_product_line_families": pa.schema([
        ("version_id", pa.int32()), ("line_order", pa.int32()), ("family", pa.string())]),
    "strategy_product_line_codes": pa.schema([
        ("version_id", pa.int32()), ("line_order", pa.int32()), ("product_code", pa.string())]),
    "strategy_target_personas": pa.schema([("version_id", pa.int32()), ("persona", pa.string())]),
    "strategy_objectives": pa.schema([
        ("version_id", pa.int32()), ("metric", pa.string()), ("target", pa.float64()), ("weight", pa.float64())]),
    "strategy_red_flags": pa.schema([
        ("version_id", pa.int32()), ("flag_name", pa.string()), ("metric", pa.string()),
        ("threshold", pa.float64()), ("is_raised_above", pa.bool_())]),
    "strategy_credit_rules": pa.schema([
        ("version_id", pa.int32()), ("rule_order", pa.int32()), ("predicate", pa.string()),
        ("multiplier", pa.float64())]),
    "strategy_exceptions": pa.schema([
        ("exception_order", pa.int32()), ("opportunity_id", pa.string()), ("account_id", pa.string()),
        ("reason", pa.string()), ("approved_by", pa.string()), ("approved_on", pa.date32()),
        ("expires_on", pa.date32()), ("note", pa.string())]),
    "strategy_alignment_plans": pa.schema([
        ("version_id", pa.int32()), ("plan_order", pa.int32()), ("team", pa.string()), ("approved_by", pa.string()),
        ("approved_on", pa.date32())]),
    "strategy_alignment_priorities": pa.schema([
        ("version_id", pa.int32()), ("team", pa.string()), ("priority_order", pa.int32()), ("metric", pa.string()),
        ("target", pa.float64()), ("action", pa.string())]),
    "strategy_alignment_drops": pa.schema([
        ("version_id", pa.int32()), ("team", pa.string()), ("product_line", pa.string()),
        ("max_share", pa.float64())]),
}
STRATEGY_TABLE_NAMES: tuple[str, ...] = (*SCHEMAS, "strategy_fiscal_calendar")


def _table(name: str, rows: list[tuple]) -> pa.Table:
    schema = SCHEMAS[name]
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [[] for _ in schema]
    return pa.table([pa.array(list(c), type=f.type) for c, f in zip(columns, schema, strict=True)], schema=schema)


def strategy_tables(strategy: Strategy) -> dict[str, pa.Table]:
    """Every strategy table of Contract 2, typed even when empty."""
    versions = list(enumerate(strategy.versions, start=1))
    rows: dict[str, list[tuple]] = {name: [] for name in SCHEMAS}
    rows["strategy_settings"].append((strategy.reporting_currency, strategy.fiscal_year_start_month))
    for vid, version in versions:
        valid_from = FIRST_VERSION_VALID_FROM if vid == 1 else version.effective_from
        valid_to = strategy.versions[vid].effective_from if vid < len(versions) else OPEN_END
        credit = version.credit
        rows["strategy_versions"].append((vid, version.name, version.effective_from, valid_from, valid_to,
                                          float(version.late_stage_min_probability), version.new_product_quarters,
                                          credit.budget_neutral if credit else True))
        rows["strategy_credit_rules"] += [(vid, order, rule.when, rule.multiplier)
                                          for order, rule in enumerate(credit.rules if credit else [], start=1)]
        for order, seg in enumerate(version.segments, start=1):
            rows["strategy_segments"].append((vid, order, seg.name, bool(seg.industries), bool(seg.countries),
                                              seg.min_employees, seg.max_employees, seg.icp, seg.target_share))
            rows["strategy_segment_industries"] += [(vid, order, i, i.strip().lower()) for i in seg.industries or []]
            rows["strategy_segment_countries"] += [(vid, order, c) for c in seg.countries or []]
        rows["strategy_target_accounts"] += [(vid, a) for a in dict.fromkeys(version.target_accounts)]
        for order, line in enumerate(version.product_lines, start=1):
            rows["strategy_product_lines"].append((vid, order, line.name, line.target_share, line.strategic,
                                                   line.deprioritized, line.launched_on))
            rows["strategy_product_line_families"] += [(vid, order, f) for f in line.families]
            rows["strategy_product_line_codes"] += [(vid, order, c) for c in line.product_codes]
        rows["strategy_target_personas"] += [(vid, p) for p in dict.fromkeys(version.target_personas)]
        rows["strategy_objectives"] += [(vid, o.metric, o.target, o.weight) for o in version.objectives]
        rows["strategy_red_flags"] += [(vid, name, RED_FLAG_NAMES[name], threshold,
                                        name.endswith(RED_FLAG_SUFFIX_ABOVE))
                                       for name, threshold in sorted(version.red_flags.items())]
        for order, plan in enumerate(version.alignment_plans, start=1):
            rows["strategy_alignment_plans"].append((vid, order, plan.team, plan.approved_by.strip(), plan.approved_on))
            rows["strategy_alignment_priorities"] += [(vid, plan.team, rank, p.metric, p.target, p.action)
                                                      for rank, p in enumerate(plan.priorities, start=1)]
            rows["strategy_alignment_drops"] += [(vid, plan.team, d.product_line, d.max_share) for d in plan.drop]
    rows["strategy_exceptions"] = [
        (order, e.opportunity_id, e.account_id, e.reason, e.approved_by, e.approved_on, e.expires_on, e.note)
        for order, e in enumerate(strategy.exceptions, start=1)]
    tables = {name: _table(name, table_rows) for name, table_rows in rows.items()}
    tables["strategy_fiscal_calendar"] = fiscal_calendar(strategy.fiscal_year_start_month,
                                                         [v.effective_from for v in strategy.versions])
    return tables


def write_strategy_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table],
                          schema: str = STRATEGY_SCHEMA) -> None:
    """Create or replace each table in `schema` from its Arrow table."""
    con.execute(f"create schema if not exists {schema}")
    for name, table in tables.items():
        con.register("_strategy_table", table)
        try:
            con.execute(f"create or replace table {schema}.{name} as select * from _strategy_table")
        finally:
            con.unregister("_strategy_table")
