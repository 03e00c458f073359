"""Ingest assets: one per landing-zone object, each loading its files into its raw table.

Asset keys equal the keys dagster-dbt gives the matching dbt sources (`salesforce/account`, `stripe/customers`),
so the lineage runs from these assets straight into the staging models.
"""

from dagster import AssetExecutionContext, AssetKey, AssetsDefinition, MaterializeResult, asset

from onstrategy.assets.resources import OnstrategySettings
from onstrategy.ingest import ALL_OBJECTS, SourceObject, load_object
from onstrategy.warehouse import connect_writer


def ingest_asset_key(obj: SourceObject) -> AssetKey:
    return AssetKey([obj.source, obj.table])


def _ingest_asset(obj: SourceObject) -> AssetsDefinition:
    landing_pattern = f"{obj.source}/{obj.name}.{obj.extension} or {obj.source}/{obj.name}/*.{obj.extension}"

    @asset(
        key=ingest_asset_key(obj),
        group_name=obj.source,
        description=f"{obj.description}\n\nLoaded from `{landing_pattern}` into `{obj.qualified_table}`.",
        kinds={"duckdb", obj.source},
    )
    def _load(context: AssetExecutionContext, onstrategy: OnstrategySettings) -> MaterializeResult:
        settings = onstrategy.settings
        with connect_writer(settings.work_warehouse) as con:
            loads = load_object(con, settings.landing, obj)
        rows = sum(x.rows_read for x in loads)
        context.log.info(f"{obj.qualified_table}: {rows} rows from {len(loads)} file(s)")
        return MaterializeResult(metadata={
            "rows_read": rows,
            "rows_rejected": sum(x.rows_rejected for x in loads),
            "files": len(loads),
            "table": obj.qualified_table,
        })

    return _load


ingest_assets: list[AssetsDefinition] = [_ingest_asset(obj) for obj in ALL_OBJECTS]
