"""The ingest step: one asset per landing-zone object, all loaded by one Dagster step, several at a time.

Asset keys equal the keys dagster-dbt gives the matching dbt sources (`salesforce/account`, `stripe/customers`),
so the lineage runs from these assets straight into the staging models. They share one step (a subsettable
multi-asset) because DuckDB lets only one process write the warehouse: within the step, worker threads load
objects side by side (`onstrategy.ingest.concurrent`), which a step per object could not.
"""

from collections.abc import Iterator
from pathlib import Path

import duckdb
from dagster import AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult, multi_asset

from onstrategy.defs.resources import OnstrategySettings
from onstrategy.errors import OnstrategyError, describe_database_error, named_os_errors
from onstrategy.ingest import ALL_OBJECTS, SourceObject
from onstrategy.ingest.concurrent import ObjectOutcome, load_objects
from onstrategy.publish.guard import check_run_outputs
from onstrategy.run.progress import Verbosity, current
from onstrategy.warehouse import connect_writer

# The Dagster step that loads the landing zone (the bench counts it as the ingest stage).
INGEST_STEP = "landing_zone"


def ingest_asset_key(obj: SourceObject) -> AssetKey:
    return AssetKey([obj.source, obj.table])


def _ingest_spec(obj: SourceObject) -> AssetSpec:
    landing_pattern = f"{obj.source}/{obj.name}.{obj.extension} or {obj.source}/{obj.name}/*.{obj.extension}"
    return AssetSpec(
        key=ingest_asset_key(obj),
        group_name=obj.source,
        description=f"{obj.description}\n\nLoaded from `{landing_pattern}` into `{obj.qualified_table}`.",
        kinds={"duckdb", obj.source},
    )


@multi_asset(
    name=INGEST_STEP,
    specs=[_ingest_spec(obj) for obj in ALL_OBJECTS],
    can_subset=True,
    description="Every landing-zone object into its raw table, several objects at a time.",
)
def landing_zone(context: AssetExecutionContext, onstrategy: OnstrategySettings) -> Iterator[MaterializeResult]:
    settings = onstrategy.settings
    check_run_outputs(settings)  # before the first write (`onstrategy run` checked already; the Dagster UI did not)
    selected = [obj for obj in ALL_OBJECTS if ingest_asset_key(obj) in context.selected_asset_keys]
    failures: list[ObjectOutcome] = []
    progress = current()
    files = rows = 0
    with named_os_errors(settings.work_warehouse, "load the landing zone"), \
            connect_writer(settings.work_warehouse) as con, \
            progress.counting("ingest", "objects", len(selected)) as counter:
        for outcome in load_objects(con, settings.landing, selected):
            counter.advance()
            if outcome.error is not None:
                context.log.error(f"{outcome.obj.qualified_table}: not loaded: {outcome.error}")
                failures.append(outcome)
                continue
            new_loads = [load for load in outcome.loads if load.loaded_now]
            object_rows = sum(load.rows_read for load in new_loads)
            files, rows = files + len(new_loads), rows + object_rows
            progress.line("ingest", f"{outcome.obj.qualified_table}: {object_rows:,} rows from "
                          f"{len(new_loads)} new file(s)", Verbosity.VERBOSE)
            yield _materialization(context, outcome)
    if failures:
        raise_load_failures(failures, settings.work_warehouse)
    progress.line("ingest", f"{len(selected)} objects, {rows:,} rows from {files} new file(s) in "
                  f"{counter.seconds:.1f} s" if files else f"{len(selected)} objects, no new file")


def _materialization(context: AssetExecutionContext, outcome: ObjectOutcome) -> MaterializeResult:
    obj, loads = outcome.obj, outcome.loads
    rows = sum(x.rows_read for x in loads)
    context.log.info(f"{obj.qualified_table}: {rows} rows from {len(loads)} file(s)")
    return MaterializeResult(asset_key=ingest_asset_key(obj), metadata={
        "rows_read": rows,
        "rows_rejected": sum(x.rows_rejected for x in loads),
        "files": len(loads),
        "table": obj.qualified_table,
    })


def raise_load_failures(failures: list[ObjectOutcome], work_warehouse: Path) -> None:
    """Fail the step: an unexpected error as it is (with its traceback); expected ones (a bad file) as one
    `OnstrategyError` naming every file that failed, in contract order, so a run reports them all at once. A
    database error (a full disk, a lock) is the warehouse's, named once."""
    database_errors = [f.error for f in failures if isinstance(f.error, duckdb.Error)]
    if database_errors:
        raise OnstrategyError(describe_database_error(database_errors[0], work_warehouse,
                                                      "load the landing zone")) from database_errors[0]
    # only outcomes with an error are failures (landing_zone), so `f.error` is never None here
    unexpected = [f.error for f in failures if f.error is not None and not isinstance(f.error, OnstrategyError)]
    if unexpected:
        raise unexpected[0]
    ordered = sorted(failures, key=lambda f: ALL_OBJECTS.index(f.obj))
    raise OnstrategyError("; ".join(str(f.error) for f in ordered))


ingest_assets = [landing_zone]
