"""Incremental loads and the build plan: what is appended, what is reloaded, and which dbt build follows."""

import os
from pathlib import Path

import duckdb
import pytest

from onstrategy.ingest import ALL_OBJECTS, load_object
from onstrategy.transform.incremental import (
    BuildInputs,
    BuildPlan,
    affected_nodes,
    exclusions,
    plan_build,
    record_build,
)

TASK = next(o for o in ALL_OBJECTS if o.name == "Task")
ACCOUNT = next(o for o in ALL_OBJECTS if o.name == "Account")
TASK_HEADER = "Id,OwnerId,AccountId,WhatId,Status,ActivityDate,IsDeleted,SystemModstamp\n"
INPUTS = BuildInputs("project-1", "strategy-1", "2026-12-01")


def _task_batch(landing: Path, name: str, *ids: str) -> Path:
    path = landing / "salesforce" / "Task" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TASK_HEADER + "".join(f"{i},005A,,,Completed,2026-01-01,false,2026-01-01\n" for i in ids),
                    encoding="utf-8")
    return path


def _raw_ids(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    return con.execute("select Id, _batch_rank from raw_salesforce.task order by Id").fetchall()


def _pending(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute("select object, change, first_batch_rank from audit.pending_changes order by 1").fetchall()


def test_new_batch_files_are_appended_and_earlier_ones_not_read_again(tmp_path: Path) -> None:
    con = duckdb.connect()
    _task_batch(tmp_path, "0001.csv", "00T1", "00T2")
    load_object(con, tmp_path, TASK)
    assert _pending(con) == [("Task", "reloaded", 1)]  # a first load is a reload
    record_build(con, INPUTS, BuildPlan(full_refresh=True))
    assert _pending(con) == []

    load_object(con, tmp_path, TASK)  # nothing new: nothing loaded, nothing pending
    assert _raw_ids(con) == [("00T1", 1), ("00T2", 1)] and _pending(con) == []

    _task_batch(tmp_path, "0002.csv", "00T3")
    con.execute("insert into raw_salesforce.task (Id, _batch_rank) values ('marker', 1)")  # a reload would drop it
    con.execute("delete from raw_salesforce.task where Id = '00T1'")  # keep the row count the ledger expects
    loads = load_object(con, tmp_path, TASK)
    assert [(x.source_file, x.rows_read) for x in loads] == [
        ("salesforce/Task/0001.csv", 2), ("salesforce/Task/0002.csv", 1)]
    assert _raw_ids(con) == [("00T2", 1), ("00T3", 2), ("marker", 1)]
    assert _pending(con) == [("Task", "appended", 2)]

    _task_batch(tmp_path, "0003.csv", "00T4")  # appended again before a build: the first pending batch is kept
    load_object(con, tmp_path, TASK)
    assert _pending(con) == [("Task", "appended", 2)]


@pytest.mark.parametrize("change", ["rewritten", "removed", "inserted_before"])
def test_a_changed_removed_or_earlier_sorting_file_reloads_the_object(tmp_path: Path, change: str) -> None:
    con = duckdb.connect()
    first = _task_batch(tmp_path, "0001.csv", "00T1", "00T2")
    second = _task_batch(tmp_path, "0002.csv", "00T3")
    load_object(con, tmp_path, TASK)
    record_build(con, INPUTS, BuildPlan(full_refresh=True))
    if change == "rewritten":  # same size, same modification time: only the content tells
        stat = first.stat()
        first.write_text(first.read_text(encoding="utf-8").replace("00T2", "00T9"), encoding="utf-8")
        os.utime(first, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        expected = [("00T1", 1), ("00T3", 2), ("00T9", 1)]
    elif change == "removed":
        second.unlink()
        expected = [("00T1", 1), ("00T2", 1)]
    else:
        _task_batch(tmp_path, "0000.csv", "00T0")
        expected = [("00T0", 1), ("00T1", 2), ("00T2", 2), ("00T3", 3)]
    load_object(con, tmp_path, TASK)
    assert _raw_ids(con) == expected
    assert _pending(con) == [("Task", "reloaded", 1)]


def _plan(con: duckdb.DuckDBPyConnection, inputs: BuildInputs = INPUTS) -> BuildPlan:
    return plan_build(con, inputs)


def test_build_plan_full_incremental_or_nothing(tmp_path: Path) -> None:
    con = duckdb.connect()
    assert _plan(con) == BuildPlan(full_refresh=True, reason="no earlier build in this warehouse")
    _task_batch(tmp_path, "0001.csv", "00T1")
    load_object(con, tmp_path, TASK)
    record_build(con, INPUTS, _plan(con))
    assert _plan(con).builds_nothing

    _task_batch(tmp_path, "0002.csv", "00T2")
    load_object(con, tmp_path, TASK)
    assert _plan(con) == BuildPlan(full_refresh=False, sources=("salesforce.task",),
                                   reason="new batches of Task")
    moved = BuildInputs("project-1", "strategy-1", "2026-12-02")
    assert _plan(con, moved).as_of_date_moved and _plan(con, moved).sources == ("salesforce.task",)
    assert _plan(con, BuildInputs("project-2", "strategy-1", "2026-12-01")).reason == \
        "the dbt project changed since the last build"
    assert _plan(con, BuildInputs("project-1", "strategy-2", "2026-12-01")).reason == \
        "the strategy file changed since the last build"

    account = tmp_path / "salesforce" / "Account" / "0001.csv"
    account.parent.mkdir(parents=True)
    account.write_text(",".join(ACCOUNT.required_columns) + "\n", encoding="utf-8")
    load_object(con, tmp_path, ACCOUNT)  # a first load: reloaded
    assert _plan(con).full_refresh and "reloaded" in _plan(con).reason
    con.execute("update audit.pending_changes set change = 'appended', first_batch_rank = 2 "
                "where object = 'Account'")
    assert _plan(con) == BuildPlan(full_refresh=True, reason="new batches of salesforce/Account (only Task and "
                                                             "Event batches build incrementally)")


MANIFEST = {
    "metadata": {"project_name": "onstrategy"},
    "nodes": {
        "model.onstrategy.stg_tasks": {"name": "stg_tasks", "resource_type": "model",
                                       "depends_on": {"nodes": ["source.onstrategy.salesforce.task"], "macros": []}},
        "model.onstrategy.fct_activities": {"name": "fct_activities", "resource_type": "model",
                                            "depends_on": {"nodes": ["model.onstrategy.stg_tasks"], "macros": []}},
        "test.onstrategy.unique_fct_activities_id": {
            "name": "unique_fct_activities_id", "resource_type": "test",
            "depends_on": {"nodes": ["model.onstrategy.fct_activities"], "macros": []}},
        "model.onstrategy.fct_bookings": {"name": "fct_bookings", "resource_type": "model",
                                          "depends_on": {"nodes": [], "macros": []}},
        "model.onstrategy.dim_accounts": {"name": "dim_accounts", "resource_type": "model",
                                          "depends_on": {"nodes": [], "macros": ["macro.onstrategy.today"]}},
    },
    "macros": {"macro.onstrategy.today": {"depends_on": {"macros": ["macro.onstrategy.as_of_date"]}},
               "macro.onstrategy.as_of_date": {"depends_on": {"macros": []}}},
    "child_map": {
        "source.onstrategy.salesforce.task": ["model.onstrategy.stg_tasks"],
        "model.onstrategy.stg_tasks": ["model.onstrategy.fct_activities"],
        "model.onstrategy.fct_activities": ["test.onstrategy.unique_fct_activities_id"],
    },
}


def test_affected_nodes_follow_sources_and_the_as_of_date_macro_downstream() -> None:
    plan = BuildPlan(full_refresh=False, sources=("salesforce.task",))
    affected = affected_nodes(MANIFEST, plan)
    assert affected == {"model.onstrategy.stg_tasks", "model.onstrategy.fct_activities",
                        "test.onstrategy.unique_fct_activities_id"}
    assert exclusions(MANIFEST, affected) == ["dim_accounts", "fct_bookings"]
    assert exclusions(MANIFEST, affected, tests=False) == ["dim_accounts", "fct_bookings"]
    none_affected = affected_nodes(MANIFEST, BuildPlan(full_refresh=False, sources=("salesforce.event",)))
    assert exclusions(MANIFEST, none_affected) == ["dim_accounts", "fct_activities", "fct_bookings", "stg_tasks",
                                                   "unique_fct_activities_id"]
    assert exclusions(MANIFEST, none_affected, tests=False) == ["dim_accounts", "fct_activities", "fct_bookings",
                                                                "stg_tasks"]
    moved = BuildPlan(full_refresh=False, sources=("salesforce.task",), as_of_date_moved=True)
    assert exclusions(MANIFEST, affected_nodes(MANIFEST, moved)) == ["fct_bookings"]
