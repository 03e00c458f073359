"""What `onstrategy run` says while it works, and what it records in a Dagster instance (issue: runs you can watch).

The no-change rerun works on a copy of the shared demo run's warehouse, work warehouse and dbt artifacts, so dbt has
nothing to build; the other end-to-end tests keep reading the original.
"""

import os
import shutil
from pathlib import Path

import duckdb
import pytest
from dagster import AssetKey, DagsterEventType, DagsterInstance

from onstrategy.defs.dbt import dbt_models
from tests.conftest import PipelineRun, run_cli

pytestmark = pytest.mark.e2e

STAGES = ("ingest: ", "dbt: ", "site: ")


def _stage_lines(stdout: str) -> list[str]:
    """The progress lines: those before the summary that starts with "run succeeded"."""
    lines = stdout.splitlines()
    ended = next(i for i, line in enumerate(lines) if line.startswith("run succeeded"))
    return [line for line in lines[:ended] if line.startswith(STAGES)]


def test_a_run_prints_a_line_per_stage_in_order_and_where_its_log_is(demo_run: PipelineRun) -> None:
    stdout = demo_run.result.stdout
    stages = _stage_lines(stdout)
    assert [next(s for s in STAGES if line.startswith(s)) for line in stages if "warning" not in line] == \
        list(STAGES), stdout
    assert "new file(s)" in stages[0]
    assert "nodes built and tested" in stages[1] and "full refresh" in stages[1]
    assert "pages built" in stages[-1]
    log = next(line.split(":", 1)[1].strip() for line in stdout.splitlines() if line.startswith("run log:"))
    assert Path(log).is_file() and "Running with dbt=" in Path(log).read_text(encoding="utf-8")
    assert "\x1b[" not in stdout  # not a terminal: plain lines, no live bar


def _copy_for_rerun(demo_run: PipelineRun, root: Path) -> Path:
    source = demo_run.warehouse
    warehouse = root / "warehouse.duckdb"
    for suffix in ("", ".work"):
        shutil.copyfile(source.with_name(source.name + suffix), warehouse.with_name(warehouse.name + suffix))
    shutil.copytree(source.with_name(source.name + ".work.dbt"), warehouse.with_name(warehouse.name + ".work.dbt"))
    return warehouse


def _rerun(demo_run: PipelineRun, warehouse: Path, env: dict[str, str], *flags: str):
    return run_cli("run", "--landing", str(demo_run.landing), "--strategy", str(demo_run.strategy),
                   "--warehouse", str(warehouse), "--site-dir", str(warehouse.parent / "site"), *flags, env=env)


def test_a_no_change_rerun_prints_no_warning_says_nothing_changed_and_is_recorded_in_dagster_home(
        demo_run: PipelineRun, tmp_path: Path) -> None:
    warehouse = _copy_for_rerun(demo_run, tmp_path)
    home = tmp_path / "dagster_home"
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    result = _rerun(demo_run, warehouse, env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "warning" not in result.stdout.lower(), result.stdout
    dbt_line = next(line for line in result.stdout.splitlines() if line.startswith("dbt: "))
    assert dbt_line.startswith("dbt: nothing changed") and "checks of the last build relied on" in dbt_line
    assert "ingest: " in result.stdout and "no new file" in result.stdout
    log = warehouse.with_name(warehouse.name + ".work.dbt") / "run.log"
    assert "emitted no result" not in log.read_text(encoding="utf-8")
    assert "telemetry:\n  enabled: false" in (home / "dagster.yaml").read_text(encoding="utf-8")

    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select count(*) from marts.fct_bookings").fetchone()[0]
        columns = [r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'marts' "
            "and table_name = 'fct_bookings' order by ordinal_position").fetchall()]
    with DagsterInstance.from_config(str(home)) as instance:
        assert not instance.telemetry_enabled  # what `dagster dev` on this folder reads (no tracker in its UI)
        runs = instance.get_runs()
        assert len(runs) == 1 and runs[0].is_success
        event = instance.get_latest_materialization_event(AssetKey(["marts", "fct_bookings"]))
        assert event is not None and event.run_id == runs[0].run_id
        metadata = event.asset_materialization.metadata
        assert metadata["dagster/row_count"].value == rows
        assert [c.name for c in metadata["dagster/column_schema"].value.columns] == columns
        assert metadata["dagster/table_name"].value == "marts.fct_bookings"
        checks = instance.get_records_for_run(runs[0].run_id,
                                              of_type=DagsterEventType.ASSET_CHECK_EVALUATION).records
        evaluations = [r.event_log_entry.dagster_event.event_specific_data for r in checks]
        dbt_checks = [e for e in evaluations if e.asset_check_key in dbt_models.check_keys]  # not freshness warnings
        assert {e.asset_check_key for e in dbt_checks} == dbt_models.check_keys and all(e.passed for e in dbt_checks)

    quiet = _rerun(demo_run, warehouse, env, "--quiet")
    assert quiet.returncode == 0, quiet.stderr
    assert all(line.startswith("not counted: ") for line in quiet.stdout.splitlines()), quiet.stdout
