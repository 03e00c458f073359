"""dbt models, seeds and tests as Dagster assets (dagster-dbt), grouped by layer.

dbt runs as a subprocess (`DbtCliResource`), so it holds the warehouse lock only while it runs and releases it
when it exits (in-process dbt has been seen to keep it). With the `spark` engine the same project builds on Spark
(dbt target `spark`): the source tables go over as Parquet first and the published schemas come back after
(`onstrategy.transform.spark`), so the site asset reads the work warehouse as usual.
"""

import importlib.metadata
import json
import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from dagster import (
    AssetCheckKey,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    Failure,
    Output,
    TableColumn,
    TableSchema,
)
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliInvocation, DbtCliResource, dbt_assets
from packaging import version

from onstrategy.defs.resources import OnstrategySettings
from onstrategy.run.children import WRAPPER_NAME, announce_parent, installed_dbt
from onstrategy.run.progress import Counter, Verbosity, current
from onstrategy.settings import (
    ENV_DBT_DUCKDB_PATH,
    ENV_DBT_INCREMENTAL,
    Settings,
    artifacts_dir_for,
    check_engine,
    quarantine_block_share,
)
from onstrategy.sql_text import quote_ident, sql_literal
from onstrategy.transform.incremental import (
    BuildInputs,
    BuildPlan,
    affected_nodes,
    exclusions,
    forget_build,
    in_build_order,
    plan_build,
    record_build,
)
from onstrategy.transform.project import (
    dbt_project,
    ensure_manifest,
    manifest_fingerprint,
    project_fingerprint,
)
from onstrategy.transform.spark import check_spark_available, export_sources, import_results, spark_paths
from onstrategy.warehouse import connect_writer

LAYERS = ("quarantine", "staging", "intermediate", "marts", "semantic", "audit")


class OnstrategyTranslator(DagsterDbtTranslator):
    """Models keyed `<layer>/<model>` and grouped by layer; seeds in group `seeds`; sources keep the default
    `<source>/<table>` keys, which are the ingest and strategy assets' keys."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        resource_type = dbt_resource_props["resource_type"]
        if resource_type in ("model", "seed", "snapshot"):
            return AssetKey([self._layer(dbt_resource_props), dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] in ("model", "seed", "snapshot"):
            return self._layer(dbt_resource_props)
        return super().get_group_name(dbt_resource_props)

    def get_metadata(self, dbt_resource_props: Mapping[str, Any]) -> Mapping[str, Any]:
        """dagster-dbt's metadata, with the table named as users query it (`marts.fct_bookings`): the manifest's
        relation carries the database of the parse (`parse-only`), not the warehouse the run writes."""
        metadata = dict(super().get_metadata(dbt_resource_props))
        if dbt_resource_props["resource_type"] in ("model", "seed", "snapshot"):
            metadata["dagster/table_name"] = f"{dbt_resource_props['schema']}.{dbt_resource_props['alias']}"
        return metadata

    @staticmethod
    def _layer(props: Mapping[str, Any]) -> str:
        if props["resource_type"] == "seed":
            return "seeds"
        fqn = props.get("fqn", [])
        return next((part for part in fqn if part in LAYERS), "marts")


TRANSLATOR = OnstrategyTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


MANIFEST = ensure_manifest()
# The project these definitions were built from (another process may parse a newer one into the same file later).
LOADED_PROJECT_FINGERPRINT = manifest_fingerprint(MANIFEST)


def _read_manifest() -> dict[str, Any]:
    return json.loads(Path(MANIFEST).read_text(encoding="utf-8"))


@dbt_assets(manifest=MANIFEST, project=dbt_project, dagster_dbt_translator=TRANSLATOR)
def dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, onstrategy: OnstrategySettings):
    """`dbt build` (seeds, models and their tests) on the run's work warehouse, or on Spark (engine `spark`)."""
    if project_fingerprint() != LOADED_PROJECT_FINGERPRINT:
        # dbt would build nodes the loaded definitions do not know (dagster-dbt fails on them with a bare KeyError).
        raise Failure("the dbt project (models, macros, seeds or tests) changed after these definitions were "
                      "loaded: reload the code location, or rerun the command")
    work = onstrategy.settings.work_warehouse
    # dbt artifacts and logs live beside the work warehouse: runs on different warehouses never share them,
    # and repeated runs on one warehouse reuse dbt's partial parse.
    artifacts = artifacts_dir_for(work)
    os.environ[ENV_DBT_DUCKDB_PATH] = str(work)
    os.environ[ENV_DBT_INCREMENTAL] = "false"  # every build checks every row, unless it is incremental (below)
    os.environ["DBT_LOG_PATH"] = str(artifacts / "logs")
    settings = onstrategy.settings
    if check_engine(settings.engine) == "spark":
        yield from _build_on_spark(context, dbt, settings, artifacts)
        with connect_writer(work) as con:
            forget_build(con)  # the DuckDB-side dbt tables were not built: the next DuckDB build starts afresh
        return
    # the check above makes the loaded fingerprint the project's current one
    inputs = BuildInputs.current(LOADED_PROJECT_FINGERPRINT, settings.strategy,
                                 check_settings=f"quarantine_block_share={quarantine_block_share()}")
    with connect_writer(work) as con:
        plan = plan_build(con, inputs)
    context.log.info(f"dbt build plan: {plan.describe()}")
    manifest = _read_manifest()  # once per build: the plan, the unchanged outputs and the progress's node count
    if not plan.full_refresh:
        affected = affected_nodes(manifest, plan)
        # Upstream first: the nodes this build leaves as they are (none of them is downstream of a rebuilt one).
        yield from _unchanged_outputs(context, manifest, affected, work)
    ran: set[AssetCheckKey] = set()
    if not plan.builds_nothing:
        args = (["build", "--full-refresh"] if plan.full_refresh
                else ["build", *_incremental_selection_args(manifest, affected, _selects_everything(context))])
        # incremental: the big activity models' unique checks read only the recomputed keys (unique_recomputed_key)
        if not plan.full_refresh:
            os.environ[ENV_DBT_INCREMENTAL] = "true"
        events = dbt.cli(args, context=context, target_path=artifacts / "target").stream()
        yield from _reported(context, events, plan, manifest, None if plan.full_refresh else affected, ran, work)
    # The checks this build did not run read tables it left as they were, which passed them when last built: say so,
    # rather than leave publication "not gated" on them.
    held = [key for key in context.selected_asset_check_keys if key not in ran]
    for key in held:
        yield AssetCheckResult(asset_key=key.asset_key, check_name=key.name, passed=True,
                               metadata={"rerun": False, "why": "its tables are unchanged since the build that "
                                         "passed it"})
    if plan.builds_nothing:
        current().line("dbt", f"nothing changed (same landing files, dbt project, strategy and as-of date): "
                              f"{len(held):,} checks of the last build relied on")
    elif held:
        current().line("dbt", f"{len(held):,} checks of unchanged tables relied on", Verbosity.VERBOSE)
    if context.assets_def.keys_by_output_name != context.assets_def.node_keys_by_output_name:
        # a subset (picked in the Dagster UI) did not build everything the pending changes touch: keep them
        context.log.info("subset of the dbt assets: pending changes kept for the next full selection")
        return
    with connect_writer(work) as con:
        record_build(con, inputs, plan)


def _reported(context: AssetExecutionContext, events: Iterator[Any], plan: BuildPlan, manifest: Mapping[str, Any],
              affected: set[str] | None, ran: set[AssetCheckKey], work: Path) -> Iterator[Any]:
    """dbt's events, counted on the run's progress as they come (failed checks named as they happen), then passed on
    with each model's output carrying its table's name, row count and column schema: those are read once dbt has
    released the warehouse (DuckDB has one writer), so the events wait for the end of the build."""
    keys = context.assets_def.keys_by_output_name
    received: list[Any] = []
    with current().counting("dbt", "nodes", planned_node_count(manifest, affected)) as counter:
        try:
            _collect(events, received, counter, ran, keys)
        except Exception:
            yield from received  # a failed build: what it did build is recorded, without the table metadata
            raise
    tables = table_metadata(work, [keys[e.output_name] for e in received if isinstance(e, Output)])
    for event in received:
        if isinstance(event, Output) and keys[event.output_name] in tables:
            event = event.with_metadata({**event.metadata, **tables[keys[event.output_name]]})
        yield event
    current().line("dbt", f"{counter.done:,} nodes built and tested in {counter.seconds:.1f} s ({plan.describe()})")


def _collect(events: Iterator[Any], received: list[Any], counter: Counter, ran: set[AssetCheckKey],
             keys: Mapping[str, AssetKey]) -> None:
    """Keep dbt's events in `received`, counting and reporting them as they come."""
    progress = current()
    for event in events:
        received.append(event)
        # a model or seed's output, a test's check result (a test on several models also yields observations)
        if isinstance(event, Output):
            counter.advance()
            progress.line("dbt", f"built {keys[event.output_name].to_user_string()}", Verbosity.VERBOSE)
        elif isinstance(event, AssetCheckResult) and event.asset_key and event.check_name:  # dagster-dbt sets both
            counter.advance()
            ran.add(AssetCheckKey(event.asset_key, event.check_name))
            if event.passed:
                progress.line("dbt", f"check passed: {event.check_name}", Verbosity.VERBOSE)
                continue
            # a warn-severity test (documented as such in its YAML) reports and never blocks
            blocking = event.severity != AssetCheckSeverity.WARN
            progress.problem("dbt", f"{'check failed' if blocking else 'warning'}: {event.check_name} on "
                                    f"{event.asset_key.to_user_string()}" + ("" if blocking else " (a warn-only test)"))


def planned_node_count(manifest: Mapping[str, Any], affected: set[str] | None) -> int:
    """How many models, seeds, snapshots and asset checks a build reports: all of them, or (incremental) the
    affected ones and the checks that read one."""
    nodes = {uid: node for uid, node in manifest["nodes"].items()
             if node["resource_type"] in ("model", "seed", "snapshot") or _is_asset_check(node)}
    if affected is None:
        return len(nodes)
    return sum(1 for uid, node in nodes.items()
               if uid in affected or (node["resource_type"] == "test"
                                      and set(node["depends_on"]["nodes"]) & affected))


def _is_asset_check(node: Mapping[str, Any]) -> bool:
    """Whether dagster-dbt makes this test an asset check: a test on one model (generic tests name it as their
    attached node); a test reading several models reports as observations only."""
    if node["resource_type"] != "test":
        return False
    models = [uid for uid in node["depends_on"]["nodes"] if uid.startswith(("model.", "seed.", "snapshot."))]
    return bool(node.get("attached_node")) or len(models) == 1


def table_metadata(work: Path, keys: Sequence[AssetKey]) -> dict[AssetKey, dict[str, Any]]:
    """Dagster's table metadata (`dagster/table_name`, `dagster/row_count`, `dagster/column_schema`) of the tables
    the dbt assets `keys` name (`<schema>/<table>`), read from the work warehouse in two queries."""
    if not keys:
        return {}
    wanted = {(key.path[0], key.path[-1]): key for key in keys}
    with connect_writer(work) as con:
        columns = con.execute(
            "select schema_name, table_name, column_name, data_type, comment from duckdb_columns() "
            "where database_name = current_database() order by schema_name, table_name, column_index").fetchall()
        present = con.execute("select schema_name, table_name from duckdb_tables() "
                              "where database_name = current_database()").fetchall()
        tables = [(schema, table) for schema, table in present if (schema, table) in wanted]
        # exact counts of tables only (a view's count would run its query); one statement for all of them
        counts = con.execute(" union all ".join(
            f"select {sql_literal(schema)}, {sql_literal(table)}, count(*) from {quote_ident(schema)}."
            f"{quote_ident(table)}" for schema, table in tables)).fetchall() if tables else []
    schemas: dict[tuple[str, str], list[TableColumn]] = {}
    for schema, table, column, data_type, comment in columns:
        if (schema, table) in wanted:
            schemas.setdefault((schema, table), []).append(TableColumn(column, data_type, description=comment))
    metadata: dict[AssetKey, dict[str, Any]] = {}
    for schema, table, rows in counts:
        if (schema, table) in wanted:
            metadata[wanted[schema, table]] = {
                "dagster/table_name": f"{schema}.{table}",
                "dagster/row_count": rows,
                "dagster/column_schema": TableSchema(columns=schemas.get((schema, table), [])),
            }
    return metadata


def _incremental_selection_args(manifest: Mapping[str, Any], affected: set[str], everything: bool) -> list[str]:
    """`--exclude` every node an incremental plan does not need (dagster-dbt passes `--select fqn:*`, or the subset
    picked in the Dagster UI).

    With everything selected, only the unchanged models, seeds and snapshots are excluded, with
    `--indirect-selection buildable`: a test then goes with them only when every node it reads is excluded.
    - dbt's default (eager) indirect selection also applies to `--exclude`, and drops every test that reads an
      excluded model: the relationships test from the rebuilt `fct_activities` to the unchanged `dim_reps` would
      silently not run (10 checks of an activity batch did not, until this was found).
    - Naming every excluded test instead is exact but slow: dbt matches each name against every node, so the
      hundreds of test names of an activity batch lengthen its start-up (docs/decisions.md).
    tests/e2e/test_incremental.py checks that the build runs exactly the plan's nodes.
    A subset keeps dbt's indirect selection and names the excluded tests: dagster-dbt selects the subset's models
    and relies on the indirect selection (its own, or `empty` with the checks named) for their tests."""
    excluded = exclusions(manifest, affected, tests=not everything)
    if not excluded:
        return []
    return [*(["--indirect-selection", "buildable"] if everything else []), "--exclude", " ".join(excluded)]


def _selects_everything(context: AssetExecutionContext) -> bool:
    """Whether this step builds every dbt asset and check (no subset picked in the Dagster UI)."""
    assets_def = context.assets_def
    return (assets_def.keys_by_output_name == assets_def.node_keys_by_output_name
            and assets_def.check_specs_by_output_name == assets_def.node_check_specs_by_output_name)


def _unchanged_outputs(context: AssetExecutionContext, manifest: Mapping[str, Any], affected: set[str], work: Path):
    """The selected models and seeds an incremental build does not touch: their tables are current as they are
    (with their row counts and column schemas)."""
    output_names = {key: name for name, key in context.assets_def.keys_by_output_name.items()}
    unchanged = [uid for uid, node in manifest["nodes"].items()
                 if node["resource_type"] in ("model", "seed", "snapshot") and uid not in affected]
    keys = [TRANSLATOR.get_asset_key(manifest["nodes"][uid]) for uid in in_build_order(manifest, unchanged)]
    keys = [key for key in keys if key in context.selected_asset_keys and key in output_names]
    tables = table_metadata(work, keys)
    for key in keys:
        yield Output(None, output_name=output_names[key], metadata={"rebuilt": False, **tables.get(key, {})})


def _build_on_spark(context: AssetExecutionContext, dbt: DbtCliResource, settings: Settings, artifacts: Path):
    """Sources to Parquet, `dbt build --target spark` (hooks register them and export the results), results back."""
    check_spark_available()
    work = settings.work_warehouse
    paths = spark_paths(work)
    shutil.rmtree(paths.root, ignore_errors=True)  # a fresh metastore and warehouse: no table survives a run
    tables = export_sources(work, paths.landing)
    context.log.info(f"{tables} source tables exported to {paths.landing} for Spark")
    os.environ.update(paths.env())
    yield from dbt.cli(["build", "--target", "spark"], context=context, target_path=artifacts / "target").stream()
    loaded = import_results(work, paths.export)
    context.log.info(f"{len(loaded)} tables ({sum(loaded.values()):,} rows) loaded back from Spark into {work}")


def ledger_specs() -> list[AssetSpec]:
    """The ingest's ledger tables (dbt sources `audit.*`), which the landing_zone step writes as it loads files: in
    the graph, in group `audit`, described as in their YAML."""
    manifest = _read_manifest()
    return [AssetSpec(AssetKey(["audit", source["name"]]), group_name="audit", kinds={"duckdb"},
                      description=f"{source['description']} Written by the ingest step (`landing_zone`).")
            for source in manifest["sources"].values() if source["source_name"] == "audit"]


def mart_asset_keys() -> list[AssetKey]:
    """Keys of every model in the marts layer (what the site is built from)."""
    return [key for key in dbt_models.keys if key.path[0] == "marts"]


def dbt_executable() -> str:
    """The dbt a run starts: `onstrategy-dbt` beside this Python (dbt, killed with the run: onstrategy.run.children),
    else the dbt beside this Python (works without an activated virtualenv), else `dbt` on PATH."""
    wrapper = Path(sys.executable).with_name(WRAPPER_NAME)
    if wrapper.exists():
        return str(wrapper)
    beside = installed_dbt()
    return str(beside) if beside.exists() else "dbt"


class InstalledDbtCliResource(DbtCliResource):
    """`DbtCliResource` that knows the version of the dbt installed beside this Python without running it.

    dagster-dbt runs `dbt --version` before every build to learn which dbt it drives, a Python start-up that an
    incremental run feels (docs/decisions.md). When the executable is the one beside this Python, its version is
    the installed dbt-core's; any other executable is asked, as dagster-dbt does. `_cli_version` is dagster-dbt's
    private hook (pinned 0.29.x); tests/unit/test_dbt_resource.py checks the two agree."""

    @cached_property
    def _cli_version(self) -> version.Version:
        if Path(self.dbt_executable) in (installed_dbt(), Path(sys.executable).with_name(WRAPPER_NAME)):
            return version.parse(importlib.metadata.version("dbt-core"))
        return super()._cli_version

    def cli(self, args: Sequence[str], **kwargs: Any) -> DbtCliInvocation:
        """dagster-dbt's `cli`, after telling the dbt it starts which process to die with (onstrategy.run.children)."""
        announce_parent()
        return super().cli(args, **kwargs)

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:  # type: ignore[override]
        """No dbt adapter in this process. dagster-dbt loads one (the project, the profile and dbt's macros, a cost
        paid by every build: docs/decisions.md) only for `fetch_row_counts()` and `fetch_column_metadata()`, which
        this project does not call (tests/unit/test_dbt_resource.py checks); without it those would fail on the
        missing adapter."""
        return None


def dbt_resource() -> DbtCliResource:
    # DbtCliResource.__init__ takes a DbtProject; mypy types the subclass's constructor from the `str` field instead
    return InstalledDbtCliResource(project_dir=dbt_project, profiles_dir=str(dbt_project.profiles_dir),  # type: ignore[arg-type]
                                   dbt_executable=dbt_executable())
