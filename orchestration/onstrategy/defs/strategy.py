"""The strategy asset: validated `strategy.yml` written as tables (schema `strategy`) for the dbt models.

The strategy reaches SQL as data, never as text spliced into models, so any value is safe.
"""

import duckdb
from dagster import AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult, multi_asset

from onstrategy.defs.resources import OnstrategySettings
from onstrategy.errors import OnstrategyError, describe_database_error, named_os_errors
from onstrategy.strategy import STRATEGY_TABLE_NAMES, load_strategy, strategy_tables, write_strategy_tables
from onstrategy.warehouse import connect_writer

STRATEGY_SPECS = [
    AssetSpec(
        key=AssetKey(["strategy", name]),
        group_name="strategy",
        description=f"`strategy.{name}`: built from the validated strategy file.",
        kinds={"duckdb", "yaml"},
    )
    for name in STRATEGY_TABLE_NAMES
]


@multi_asset(specs=STRATEGY_SPECS, name="strategy_tables")
def strategy_assets(context: AssetExecutionContext, onstrategy: OnstrategySettings):
    """Validate the strategy file and write its tables; an invalid strategy stops the run here."""
    settings = onstrategy.settings
    strategy = load_strategy(settings.strategy, landing=settings.landing)  # as `onstrategy run` checks it
    tables = strategy_tables(strategy)
    try:
        with named_os_errors(settings.work_warehouse, "write the strategy tables"), \
                connect_writer(settings.work_warehouse) as con:
            write_strategy_tables(con, tables)
    except duckdb.Error as exc:
        raise OnstrategyError(describe_database_error(exc, settings.work_warehouse, "write the strategy tables")) \
            from exc
    context.log.info(f"{settings.strategy}: {len(strategy.versions)} strategy version(s) written")
    for name in STRATEGY_TABLE_NAMES:
        yield MaterializeResult(asset_key=AssetKey(["strategy", name]),
                                metadata={"rows": tables[name].num_rows})
