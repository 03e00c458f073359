"""The site asset: build the executive site from the finished marts, then publish site and warehouse together."""

from dagster import AssetExecutionContext, MaterializeResult, asset

from onstrategy.assets.dbt import mart_asset_keys
from onstrategy.assets.resources import OnstrategySettings
from onstrategy.dbt_manifest import dbt_project
from onstrategy.publish import discard, new_site_build_dir, publish_site, publish_warehouse


@asset(
    key="site",
    group_name="site",
    deps=mart_asset_keys(),
    description="The static MkDocs site for executives, built from the marts; publishing it also publishes the "
    "warehouse (both swapped in atomically, only after every upstream asset and blocking check passed).",
    kinds={"mkdocs"},
)
def site(context: AssetExecutionContext, onstrategy: OnstrategySettings) -> MaterializeResult:
    from onstrategy_site import build_site  # imported here: mkdocs is only needed when the site is built

    settings = onstrategy.settings
    build_dir = new_site_build_dir(settings.site_dir)
    try:
        summary = build_site(settings.work_warehouse, build_dir, settings.strategy,
                             dbt_manifest=dbt_project.manifest_path)
        publish_warehouse(settings.work_warehouse, settings.warehouse)
        publish_site(build_dir, settings.site_dir)
    finally:
        discard(build_dir)
    context.log.info(f"site published at {settings.site_dir}, warehouse at {settings.warehouse}")
    return MaterializeResult(metadata={
        "site_dir": str(settings.site_dir),
        "warehouse": str(settings.warehouse),
        **{k: v for k, v in summary.items() if isinstance(v, int | float | str)},
    })
