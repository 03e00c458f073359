"""Incremental runs: a new activity batch rebuilds only what it touches, and the result is a full refresh's.

The landing zone keeps Task and Event as batch folders (`Task/0001.csv`), the layout of a daily activity sync.
Each case is compared, table by table, with a fresh full build of the same landing zone.
"""

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from onstrategy.transform.incremental import BuildPlan, affected_nodes
from tests.conftest import PROJECT_ROOT, run_cli

pytestmark = pytest.mark.e2e

STRATEGY = PROJECT_ROOT / "strategy.yml"
# Bookkeeping of how the warehouse was built (load times, fingerprints), not data: differs by design.
NOT_COMPARED = {"audit.ingested_files", "audit.pending_changes", "audit.last_build"}
LATER = "2030-01-01T00:00:00.000+0000"  # newer than every demo record
LATEST = "2031-01-01T00:00:00.000+0000"  # newer than LATER
EARLIER = "2000-01-01T00:00:00.000+0000"  # older than every demo record


@pytest.fixture(scope="module")
def activity_landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    landing = tmp_path_factory.mktemp("incremental") / "landing"
    generated = run_cli("demo", "--out", str(landing), "--scale", "0.1", "--seed", "11", "--quirks", "0.01")
    assert generated.returncode == 0, generated.stderr
    for name in ("Task", "Event"):
        (landing / "salesforce" / name).mkdir()
        (landing / "salesforce" / f"{name}.csv").rename(landing / "salesforce" / name / "0001.csv")
    return landing


def _run(landing: Path, warehouse: Path, strategy: Path = STRATEGY) -> str:
    """Run the pipeline; return how dbt built (the `dbt build:` line of the output)."""
    result = run_cli("run", "--landing", str(landing), "--strategy", str(strategy), "--warehouse", str(warehouse),
                     "--site-dir", str(warehouse.with_name("site")))
    assert result.returncode == 0, result.stderr
    return next(line for line in result.stdout.splitlines() if line.startswith("dbt build:"))


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _completed_tasks(rows: list[dict[str, str]], count: int) -> list[dict[str, str]]:
    chosen = [dict(r) for r in rows if r["Status"] == "Completed" and r["IsDeleted"] == "false"
              and r["ActivityDate"] and r["ActivityDate"][:4] in ("2025", "2026")][:count]
    assert len(chosen) == count
    return chosen


def _differences(first: Path, second: Path) -> dict[str, tuple[int, int]]:
    """Tables (schema.table) whose rows differ between two warehouses: (rows only in first, only in second)."""
    differences = {}
    with duckdb.connect() as con:
        con.execute(f"attach '{first}' as first_wh (read_only)")
        con.execute(f"attach '{second}' as second_wh (read_only)")
        tables = con.execute(
            "select schema_name || '.' || table_name from duckdb_tables() where database_name = 'first_wh' "
            "and schema_name not like 'raw_%' order by 1").fetchall()
        assert len(tables) > 60
        for (table,) in tables:
            if table in NOT_COMPARED:
                continue
            only_first, only_second = (con.execute(
                f"select count(*) from (select * from {a}.{table} except all select * from {b}.{table})").fetchone()[0]
                for a, b in (("first_wh", "second_wh"), ("second_wh", "first_wh")))
            if only_first or only_second:
                differences[table] = (only_first, only_second)
    return differences


def _keep_pending_changes(warehouse: Path, objects: list[str], first_batch_rank: int) -> None:
    """The state a run leaves when dbt built the models and then failed (a data test, a killed process): the
    pending changes stay, so the next run builds those batches again, on tables that already hold them."""
    with duckdb.connect(str(warehouse.with_name(warehouse.name + ".work"))) as con:
        for name in objects:
            con.execute("insert into audit.pending_changes values ('salesforce', ?, 'appended', ?)",
                        [name, first_batch_rank])


def _reconciliation(warehouse: Path, source_file: str) -> list[tuple]:
    return _query(warehouse, "select rows_read, rows_loaded, rows_quarantined, rows_superseded, rows_deleted, "
                             f"rows_unaccounted from audit.load_reconciliation where source_file = '{source_file}'")


def _query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_new_activity_batch_builds_incrementally_and_equals_a_full_refresh(activity_landing: Path,
                                                                            tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    shutil.copytree(activity_landing, landing)
    warehouse = tmp_path / "incremental" / "warehouse.duckdb"
    assert _run(landing, warehouse) == "dbt build: full refresh (no earlier build in this warehouse)"
    assert "nothing to build" in _run(landing, warehouse)

    tasks = _read_csv(landing / "salesforce/Task/0001.csv")
    reopened, stale, deleted, template = _completed_tasks(tasks, 4)
    new = {**template, "Id": "00T900000000000001", "SystemModstamp": LATER}
    orphan = {**new, "Id": "00T900000000000002", "OwnerId": "005999999999999999"}
    bad_date = {**new, "Id": "00T900000000000003", "ActivityDate": "2026-13-45"}
    duplicate = {**new, "Id": "00T900000000000004"}
    _write_csv(landing / "salesforce/Task/0002.csv", [
        {**reopened, "Status": "Not Started", "SystemModstamp": LATER},
        {**stale, "Status": "Not Started", "SystemModstamp": EARLIER},  # older than the version it would replace
        {**deleted, "IsDeleted": "true", "SystemModstamp": LATER},
        new, orphan, bad_date, duplicate, {**duplicate, "Status": "Deferred"},
    ])
    events = _read_csv(landing / "salesforce/Event/0001.csv")
    shortened, removed = (dict(e) for e in events[:2])
    _write_csv(landing / "salesforce/Event/0002.csv", [
        {**shortened, "DurationInMinutes": "7", "SystemModstamp": LATER},
        {**removed, "IsDeleted": "true", "SystemModstamp": LATER},
    ])

    plan = _run(landing, warehouse)
    assert plan.startswith("dbt build: incremental: source:salesforce.event+, source:salesforce.task+")
    run_results = json.loads((warehouse.with_name("warehouse.duckdb.work.dbt") / "target/run_results.json")
                             .read_text(encoding="utf-8"))
    built = {r["unique_id"].split(".")[-1] for r in run_results["results"] if r["unique_id"].startswith("model.")}
    # Events are the effort of the won deals (SPEC "Justified off-strategy business"): fct_bookings' off-strategy
    # status reads them, so it is rebuilt; the opportunities, billing and accounts are not
    assert {"quarantine_salesforce__task", "stg_salesforce__tasks", "fct_activities", "int_won_opportunity_effort",
            "fct_bookings", "audit_load_reconciliation", "fct_strategy_adherence_by_rep"} <= built
    assert not built & {"stg_salesforce__opportunities", "fct_billing_lines", "dim_accounts"}
    unique_checks = _unique_recomputed_key_checks(run_results)
    assert set(unique_checks) == {"stg_salesforce__tasks", "stg_salesforce__events", "fct_activities"}
    test_statuses = {r["unique_id"].split(".")[-1]: r["status"] for r in run_results["results"]
                     if r["unique_id"].startswith("test.")}
    # every check passes; the quirks hold out enough won business for the materiality warning (severity warn)
    assert {name for name, status in test_statuses.items() if status != "pass"} <= \
        {"assert_quarantine_holds_out_no_material_won_business"}
    _assert_every_test_of_a_rebuilt_node_ran(warehouse, run_results)

    full = tmp_path / "full" / "warehouse.duckdb"
    assert _run(landing, full).startswith("dbt build: full refresh")
    assert _differences(warehouse, full) == {}
    full_checks = _unique_recomputed_key_checks(json.loads(
        (full.with_name("warehouse.duckdb.work.dbt") / "target/run_results.json").read_text(encoding="utf-8")))
    _assert_unique_checks_read_only_recomputed_keys(warehouse, unique_checks["fct_activities"],
                                                    full_checks["fct_activities"], recomputed=new["Id"],
                                                    untouched=template["Id"])

    # and the incremental result is the right one, not only the same one
    activities = dict(_query(warehouse, "select activity_id, duration_minutes from marts.fct_activities"))
    assert reopened["Id"] not in activities and deleted["Id"] not in activities and removed["Id"] not in activities
    assert stale["Id"] in activities and new["Id"] in activities
    assert activities[shortened["Id"]] == 7
    assert sorted(_query(warehouse, "select Id, reason from quarantine.task where _source_file = "
                                    "'salesforce/Task/0002.csv'")) == [
        (orphan["Id"], "orphan_owner"), (bad_date["Id"], "unparseable_date"),
        (duplicate["Id"], "conflicting_duplicate"), (duplicate["Id"], "conflicting_duplicate")]
    assert _reconciliation(warehouse, "salesforce/Task/0002.csv") == [(8, 2, 4, 1, 1, 0)]

    # The next batch lands after a run that failed once dbt had built the models (so the tables already hold batch
    # 0002, which is pending again): it supersedes records of both earlier files, undeletes one, and quarantines a
    # conflicting update of an existing record.
    _keep_pending_changes(warehouse, ["Task", "Event"], first_batch_rank=2)
    twin = {**new, "Id": "00T900000000000005"}
    _write_csv(landing / "salesforce/Task/0003.csv", [
        {**reopened, "Status": "Completed", "SystemModstamp": LATEST},  # supersedes its version in 0002
        {**deleted, "SystemModstamp": LATEST},  # a newer version, not deleted: the deletion in 0002 is superseded
        {**stale, "Status": "Deferred", "SystemModstamp": LATER},  # now newer than its version in 0001
        {**new, "Status": "Deferred", "SystemModstamp": LATEST},  # conflicting duplicates of a record of 0002
        {**new, "Status": "Waiting", "SystemModstamp": LATEST},
        twin, twin,  # the same record twice (not a conflict): the later line wins
        {**new, "Id": "00T900000000000006", "IsDeleted": "true"},  # deleted at once
    ])
    plan = _run(landing, warehouse)
    assert plan.startswith("dbt build: incremental: source:salesforce.event+, source:salesforce.task+")
    full_again = tmp_path / "full_again" / "warehouse.duckdb"
    assert _run(landing, full_again).startswith("dbt build: full refresh")
    assert _differences(warehouse, full_again) == {}
    assert _reconciliation(warehouse, "salesforce/Task/0003.csv") == [(8, 4, 2, 1, 1, 0)]
    assert _reconciliation(warehouse, "salesforce/Task/0002.csv") == [(8, 1, 4, 3, 0, 0)]
    assert _query(warehouse, "select sum(rows_unaccounted) from audit.load_reconciliation") == [(0,)]


def _assert_every_test_of_a_rebuilt_node_ran(warehouse: Path, run_results: dict) -> None:
    """The incremental build ran exactly the tests downstream of the new batches' sources, including those that
    also read a model the build left unchanged (dbt's indirect selection once dropped those with the model)."""
    manifest = json.loads((warehouse.with_name("warehouse.duckdb.work.dbt") / "target/manifest.json")
                          .read_text(encoding="utf-8"))
    plan = BuildPlan(full_refresh=False, sources=("salesforce.event", "salesforce.task"))
    expected = {uid for uid in affected_nodes(manifest, plan) if uid.startswith("test.")}
    ran = {r["unique_id"] for r in run_results["results"] if r["unique_id"].startswith("test.")}
    assert ran == expected
    activity_reps_exist = [uid for uid in ran if ".relationships_fct_activities_rep_id__rep_id__ref_dim_reps_" in uid]
    assert len(activity_reps_exist) == 1
    assert "test.onstrategy.assert_by_rep_covers_every_active_rep_quarter" in ran


@pytest.mark.parametrize("plan", [
    BuildPlan(full_refresh=False, sources=("salesforce.event", "salesforce.task")),
    BuildPlan(full_refresh=False, sources=("stripe.invoices",)),
    BuildPlan(full_refresh=False, as_of_date_moved=True),
], ids=["activity batches", "invoices", "as-of date"])
def test_the_incremental_selection_is_exactly_the_plans_nodes(plan: BuildPlan, tmp_path: Path) -> None:
    """What `dbt ls` lists for the incremental build's arguments (after dagster-dbt's `--select fqn:*`, as in the
    build) is every node downstream of the plan's sources and no other, tests included."""
    from onstrategy.defs.dbt import MANIFEST, _incremental_selection_args
    from onstrategy.settings import ENV_DBT_DUCKDB_PATH
    from onstrategy.transform.project import dbt_project

    manifest = json.loads(Path(MANIFEST).read_text(encoding="utf-8"))
    affected = affected_nodes(manifest, plan)
    buildable = {uid for uid in affected if uid.split(".")[0] in ("model", "seed", "snapshot", "test")}
    args = _incremental_selection_args(manifest, affected, everything=True)
    listed = subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), "ls", "--quiet", "--output", "json", "--output-keys",
         "unique_id", *(f"--resource-type={kind}" for kind in ("model", "seed", "snapshot", "test")), *args,
         "--select", "fqn:*", "--project-dir", str(dbt_project.project_dir), "--profiles-dir",
         str(dbt_project.profiles_dir), "--target-path", str(tmp_path / "target")],
        capture_output=True, text=True, check=False, timeout=300,
        env={**os.environ, ENV_DBT_DUCKDB_PATH: str(tmp_path / "unused.duckdb"), "DBT_LOG_PATH": str(tmp_path)})
    assert listed.returncode == 0, listed.stdout + listed.stderr
    ids = {json.loads(line)["unique_id"] for line in listed.stdout.splitlines() if line.startswith("{")}
    assert ids == buildable
    assert any(uid.startswith("test.") for uid in ids)


CHECKED_RELATION = re.compile(r'from "([^"]+)"\."[^"]+"\."([^"]+)"')


def _unique_recomputed_key_checks(run_results: dict) -> dict[str, str]:
    """The compiled SQL of each `unique_recomputed_key` check that ran, by the table it checks."""
    return {CHECKED_RELATION.search(r["compiled_code"]).group(2): r["compiled_code"]
            for r in run_results["results"] if ".onstrategy_unique_recomputed_key_" in r["unique_id"]}


def _assert_unique_checks_read_only_recomputed_keys(warehouse: Path, incremental_sql: str, full_sql: str,
                                                    recomputed: str, untouched: str) -> None:
    """On a copy of the work warehouse with two rows duplicated: the incremental build's check finds the duplicate
    among the keys that build recomputed (the untouched key was checked when it was built), a full build's check
    finds both."""
    copy = warehouse.with_name("duplicates.duckdb")
    shutil.copyfile(warehouse.with_name(warehouse.name + ".work"), copy)
    with duckdb.connect() as con:
        con.execute(f"attach '{copy}' as \"{CHECKED_RELATION.search(incremental_sql).group(1)}\"")
        catalog = CHECKED_RELATION.search(incremental_sql).group(1)
        # the build's pending changes, as they were while it ran (the successful build then cleared them)
        con.execute(f'insert into "{catalog}".audit.pending_changes select distinct \'salesforce\', \'Task\', '
                    f"'appended', _batch_rank from \"{catalog}\".raw_salesforce.task "
                    "where _source_file = 'salesforce/Task/0002.csv'")
        assert con.execute(incremental_sql).fetchall() == [] == con.execute(full_sql).fetchall()
        assert " in (" in incremental_sql and " in (" not in full_sql
        table = CHECKED_RELATION.search(full_sql).group(0).removeprefix("from ")
        for key in (recomputed, untouched):
            inserted = con.execute(f"insert into {table} select * from {table} where activity_id = ?", [key])
            assert inserted.fetchone() == (1,), key
        assert [row[0] for row in con.execute(incremental_sql).fetchall()] == [recomputed]
        assert sorted(row[0] for row in con.execute(full_sql).fetchall()) == sorted([recomputed, untouched])


def test_a_changed_file_reloads_its_object_and_rebuilds_everything(activity_landing: Path, tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    shutil.copytree(activity_landing, landing)
    warehouse = tmp_path / "warehouse.duckdb"
    _run(landing, warehouse)
    task_file = landing / "salesforce/Task/0001.csv"
    tasks = _read_csv(task_file)
    dropped = _completed_tasks(tasks, 1)[0]
    _write_csv(task_file, [t for t in tasks if t["Id"] != dropped["Id"]])

    plan = _run(landing, warehouse)
    assert plan == "dbt build: full refresh (reloaded (a file changed or disappeared): salesforce/Task)"
    assert _query(warehouse, f"select count(*) from marts.fct_activities where activity_id = '{dropped['Id']}'") == [
        (0,)]
    assert _query(warehouse, "select sum(rows_read) from audit.load_reconciliation where object = 'Task'") == [
        (len(tasks) - 1,)]

    changed_strategy = tmp_path / "strategy.yml"
    changed_strategy.write_text(STRATEGY.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    assert _run(landing, warehouse, changed_strategy) == \
        "dbt build: full refresh (the strategy file changed since the last build)"


def test_a_subset_materialization_keeps_the_pending_changes(activity_landing: Path, tmp_path: Path) -> None:
    """Materializing only some dbt assets (as from the Dagster UI) must not mark the new batches as built."""
    from dagster import AssetKey, materialize

    from onstrategy.definitions import ALL_ASSETS, build_definitions
    from onstrategy.settings import Settings

    landing = tmp_path / "landing"
    shutil.copytree(activity_landing, landing)
    warehouse = tmp_path / "warehouse.duckdb"
    _run(landing, warehouse)
    tasks = _read_csv(landing / "salesforce/Task/0001.csv")
    new = {**_completed_tasks(tasks, 1)[0], "Id": "00T900000000000009", "SystemModstamp": LATER}
    _write_csv(landing / "salesforce/Task/0002.csv", [new])

    settings = Settings(landing, STRATEGY, warehouse, warehouse.with_name("site")).resolved()
    ingest_and_one_model = [AssetKey(["salesforce", "task"]), AssetKey(["staging", "stg_salesforce__tasks"])]
    result = materialize(ALL_ASSETS, selection=ingest_and_one_model,
                         resources=build_definitions(settings).resources, raise_on_error=False)
    assert result.success
    with duckdb.connect(str(settings.work_warehouse), read_only=True) as con:
        assert con.execute("select object, change from audit.pending_changes").fetchall() == [("Task", "appended")]
        assert con.execute("select count(*) from staging.stg_salesforce__tasks where task_id = ?",
                           [new["Id"]]).fetchone() == (1,)

    assert _run(landing, warehouse).startswith("dbt build: incremental: source:salesforce.task+")
    assert _query(warehouse, f"select count(*) from marts.fct_activities where activity_id = '{new['Id']}'") == [(1,)]
