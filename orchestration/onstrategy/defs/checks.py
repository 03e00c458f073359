"""Freshness checks of the ingest assets: is each source's newest record recent enough to trust the numbers?

A warning, not a blocker: stale data is still the best data there is (the site's data-quality page shows the same
dates), but Dagster flags it so someone asks the CRM admin for a new export. The allowed age is
`ONSTRATEGY_MAX_SOURCE_AGE_DAYS` (default 2: exports are daily).

Reconciliation (every record read is loaded, quarantined, superseded or deleted) is a blocking check too: the dbt
test `assert_load_reconciliation_balances`, which dagster-dbt turns into an asset check of
`audit/audit_load_reconciliation`.
"""

import os
from datetime import UTC, datetime

import duckdb
from dagster import AssetCheckResult, AssetChecksDefinition, AssetCheckSeverity, asset_check

from onstrategy.defs.ingest import ingest_asset_key
from onstrategy.defs.resources import OnstrategySettings
from onstrategy.ingest import ALL_OBJECTS, SourceObject
from onstrategy.ingest.loader import newest_record_expression

ENV_MAX_AGE_DAYS = "ONSTRATEGY_MAX_SOURCE_AGE_DAYS"
DEFAULT_MAX_AGE_DAYS = 2.0


def newest_record_sql(obj: SourceObject) -> str | None:
    """When the newest record of the object was last modified (UTC), or None when it has no such date: the maximum
    over its files in the ingest ledger (`newest_record_at`, computed once per file as it is loaded)."""
    if newest_record_expression(obj) is None:
        return None
    return (f"select max(newest_record_at) from audit.ingested_files "
            f"where source = '{obj.source}' and object = '{obj.name}'")


def max_age_days() -> float:
    return float(os.environ.get(ENV_MAX_AGE_DAYS, DEFAULT_MAX_AGE_DAYS))


def freshness_result(newest: datetime | None, now: datetime, allowed_days: float) -> AssetCheckResult:
    if newest is None:
        return AssetCheckResult(passed=False, severity=AssetCheckSeverity.WARN,
                                metadata={"newest_record": "none (no records)"})
    newest = newest.replace(tzinfo=UTC) if newest.tzinfo is None else newest
    age_days = (now - newest).total_seconds() / 86_400
    return AssetCheckResult(passed=age_days <= allowed_days, severity=AssetCheckSeverity.WARN, metadata={
        "newest_record": newest.isoformat(), "age_days": round(age_days, 2), "allowed_days": allowed_days})


def _freshness_check(obj: SourceObject, query: str) -> AssetChecksDefinition:
    @asset_check(asset=ingest_asset_key(obj), name="freshness", blocking=False,
                 description=f"The newest {obj.name} record is at most ${ENV_MAX_AGE_DAYS} days old (default "
                             f"{DEFAULT_MAX_AGE_DAYS:g}); a warning, not a blocker.")
    def _check(onstrategy: OnstrategySettings) -> AssetCheckResult:
        with duckdb.connect(str(onstrategy.settings.work_warehouse), read_only=True) as con:
            # `select max(...)` always returns one row: fetchone() is typed for a query that may return none
            newest = con.execute(query).fetchone()[0]  # type: ignore[index]
        return freshness_result(newest, datetime.now(UTC), max_age_days())

    return _check


freshness_checks: list[AssetChecksDefinition] = [
    _freshness_check(obj, query) for obj in ALL_OBJECTS if (query := newest_record_sql(obj)) is not None
]
