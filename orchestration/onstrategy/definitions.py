"""The one Dagster code location of onstrategy: `dagster dev` and `onstrategy run` both load these definitions.

Assets, by group: `salesforce` and `stripe` (ingest), `strategy` (the strategy file as tables), `seeds`,
`quarantine`, `staging`, `intermediate`, `marts`, `semantic` (dbt), `audit` (the ingest's ledger and the audit
models), `publication` (the site and the published warehouse, built and swapped in as a pair).
Runs execute in one process, one step at a time: DuckDB allows a single writer (the ingest step's threads share this
process's database).
"""

from dagster import AssetsDefinition, AssetSpec, Definitions, in_process_executor

from onstrategy.defs.automation import daily_schedule, full_refresh_job, landing_zone_sensor
from onstrategy.defs.checks import freshness_checks
from onstrategy.defs.dbt import dbt_models, dbt_resource, ledger_specs
from onstrategy.defs.ingest import ingest_assets
from onstrategy.defs.resources import OnstrategySettings
from onstrategy.defs.site import publication
from onstrategy.defs.strategy import strategy_assets
from onstrategy.settings import Settings

ALL_ASSETS: list[AssetsDefinition | AssetSpec] = [
    *ingest_assets, *ledger_specs(), strategy_assets, dbt_models, publication, *freshness_checks,
]


def build_definitions(settings: Settings) -> Definitions:
    """Definitions whose assets read and publish where `settings` say."""
    return Definitions(
        assets=ALL_ASSETS,
        resources={"onstrategy": OnstrategySettings.from_settings(settings), "dbt": dbt_resource()},
        jobs=[full_refresh_job],
        schedules=[daily_schedule],
        sensors=[landing_zone_sensor],
        executor=in_process_executor,
    )


defs = build_definitions(Settings.from_env())
