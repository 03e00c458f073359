"""Tried as a user of real exports would: bad values, a publication that fails at the last step, a run killed or
interrupted, a second run on the same warehouse, a warehouse another program holds. Each keeps the good records, or
the published files, and says what happened in one line.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import psutil
import pytest

from onstrategy.defs.dbt import dbt_executable
from onstrategy.run.pipeline import _dbt_log_error
from onstrategy.settings import ENV_DBT_DUCKDB_PATH
from onstrategy.transform.project import dbt_project
from tests.conftest import PROJECT_ROOT, PipelineRun, onstrategy_command, run_cli, tree_digest
from tests.e2e.mounts import mounts_available, run_cli_with_file_mounted_on_itself

pytestmark = pytest.mark.e2e

STRATEGY = PROJECT_ROOT / "strategy.yml"


def _run_args(landing: Path, warehouse: Path, site_dir: Path) -> list[str]:
    return ["run", "--landing", str(landing), "--strategy", str(STRATEGY), "--warehouse", str(warehouse),
            "--site-dir", str(site_dir)]


def _copy_published(demo_run: PipelineRun, root: Path) -> tuple[Path, Path]:
    """A copy of the demo run's published warehouse and site, and of its work files (a rerun has nothing to do)."""
    warehouse, site_dir = root / "warehouse.duckdb", root / "site"
    for suffix in ("", ".work"):
        shutil.copyfile(demo_run.warehouse.with_name(demo_run.warehouse.name + suffix),
                        warehouse.with_name(warehouse.name + suffix))
    shutil.copytree(demo_run.warehouse.with_name(demo_run.warehouse.name + ".work.dbt"),
                    warehouse.with_name(warehouse.name + ".work.dbt"))
    shutil.copytree(demo_run.site_dir, site_dir)
    return warehouse, site_dir


def _one_line(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


# --- one bad value never stops the good ones ------------------------------------------------------------------

def _dirty(landing: Path) -> dict[str, str]:
    """Four values a real export should never hold, each in one record; returns which record got which."""
    lines_path = landing / "salesforce" / "OpportunityLineItem.csv"
    header, *rows = lines_path.read_text(encoding="utf-8").splitlines()
    columns = header.replace('"', "").split(",")
    total = columns.index("TotalPrice")
    bad = {}
    for index, value in ((1, "1e30"), (2, "NaN")):
        fields = rows[index].split(",")
        bad[fields[0].strip('"')] = value
        fields[total] = value
        rows[index] = ",".join(fields)
    lines_path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")

    invoices_path = landing / "stripe" / "invoices.jsonl"
    invoices = invoices_path.read_text(encoding="utf-8").splitlines()
    for index, amount in ((0, "twelve fifty"), (1, 1e28)):
        invoice = json.loads(invoices[index])
        invoice["lines"]["data"][0]["amount"] = amount
        bad[invoice["id"]] = str(amount)
        invoices[index] = json.dumps(invoice)
    invoices_path.write_text("\n".join(invoices) + "\n", encoding="utf-8")
    return bad


def test_bad_values_are_quarantined_and_every_other_record_kept(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    assert run_cli("demo", "--out", str(landing), "--scale", "0.02", "--seed", "5").returncode == 0
    bad = _dirty(landing)
    warehouse = tmp_path / "w.duckdb"
    result = run_cli(*_run_args(landing, warehouse, tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        quarantined = dict(con.execute("select Id, reason from quarantine.opportunity_line_item "
                                       "union all select id, reason from quarantine.invoices").fetchall())
        totals = con.execute("select sum(rows_read), sum(rows_loaded), sum(rows_quarantined), "
                             "sum(rows_unaccounted) from audit.load_reconciliation").fetchone()
        superseded = con.execute("select sum(rows_superseded + rows_deleted + rows_test_mode) "
                                 "from audit.load_reconciliation").fetchone()[0]
    by_value = {value: quarantined.get(record) for record, value in bad.items()}
    assert by_value == {"1e30": "number_out_of_range", "NaN": "unparseable_number",
                        "twelve fifty": "unparseable_number", "1e+28": "number_out_of_range"}
    read, loaded, held, unaccounted = totals
    assert (held, unaccounted) == (4, 0)  # the clean demo quarantines nothing: only these four are set aside
    assert loaded == read - 4 - superseded


# --- publication is atomic as a pair --------------------------------------------------------------------------

@pytest.mark.skipif(not mounts_available(), reason="this machine cannot mount in a namespace (unshare -rm)")
def test_a_warehouse_that_cannot_be_replaced_leaves_warehouse_and_site_byte_identical(
        demo_run: PipelineRun, tmp_path: Path) -> None:
    """The warehouse is a mount point (bind-mounted on itself): its rename fails at the very end, after the site
    was swapped; the old site is put back."""
    warehouse, site_dir = _copy_published(demo_run, tmp_path)
    before = (tree_digest(warehouse), tree_digest(site_dir))
    result = run_cli_with_file_mounted_on_itself(warehouse, *_run_args(demo_run.landing, warehouse, site_dir))
    assert result.returncode == 1
    line = _one_line(result)
    assert f"{warehouse}: cannot replace the warehouse" in line and "left as they were" in line
    assert (tree_digest(warehouse), tree_digest(site_dir)) == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no build or copy left behind


# --- killed, interrupted, concurrent runs -----------------------------------------------------------------------

def _start_run(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([*onstrategy_command(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _dbt_children(process: subprocess.Popen) -> list[psutil.Process]:
    try:
        return [p for p in psutil.Process(process.pid).children(recursive=True) if "dbt" in " ".join(p.cmdline())]
    except psutil.Error:
        return []


def _wait_for_dbt(process: subprocess.Popen, timeout: float = 300) -> list[psutil.Process]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        children = _dbt_children(process)
        if children:
            return children
        time.sleep(0.05)
    raise AssertionError("dbt did not start")


def _fresh_copy(demo_run: PipelineRun, root: Path) -> tuple[Path, Path, Path]:
    """The demo landing zone with a published pair of a run, and a new work warehouse (dbt has work to do)."""
    warehouse, site_dir = root / "warehouse.duckdb", root / "site"
    shutil.copyfile(demo_run.warehouse, warehouse)
    shutil.copytree(demo_run.site_dir, site_dir)
    return demo_run.landing, warehouse, site_dir


def test_sigkill_of_the_run_alone_stops_dbt_and_the_next_run_succeeds(demo_run: PipelineRun, tmp_path: Path) -> None:
    """Only the `onstrategy` process is killed (not its group): dbt dies with it, the lock goes with the process,
    and the next run says the last one did not finish and publishes."""
    landing, warehouse, site_dir = _fresh_copy(demo_run, tmp_path)
    before = (tree_digest(warehouse), tree_digest(site_dir))
    process = _start_run(_run_args(landing, warehouse, site_dir))
    children = _wait_for_dbt(process)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    _, alive = psutil.wait_procs(children, timeout=30)
    assert alive == []  # killed with its parent (onstrategy-dbt: prctl PR_SET_PDEATHSIG)
    assert (tree_digest(warehouse), tree_digest(site_dir)) == before
    rerun = run_cli(*_run_args(landing, warehouse, site_dir))
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(f"note: the last run on this warehouse did not finish (PID {process.pid}, started")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_run_says_so_and_publishes_nothing(demo_run: PipelineRun, tmp_path: Path,
                                                          sig: signal.Signals) -> None:
    landing, warehouse, site_dir = _fresh_copy(demo_run, tmp_path)
    before = (tree_digest(warehouse), tree_digest(site_dir))
    process = _start_run(_run_args(landing, warehouse, site_dir))
    children = _wait_for_dbt(process)
    os.kill(process.pid, sig)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130
    assert stderr.strip().splitlines() == ["onstrategy run: interrupted"]
    _, alive = psutil.wait_procs(children, timeout=30)
    assert alive == []
    assert (tree_digest(warehouse), tree_digest(site_dir)) == before
    assert (warehouse.with_name(warehouse.name + ".lock")).read_text() == ""  # ended cleanly: nothing to reap


def test_a_second_run_on_the_same_warehouse_fails_at_once_naming_the_first(demo_run: PipelineRun,
                                                                          tmp_path: Path) -> None:
    landing, warehouse, site_dir = _fresh_copy(demo_run, tmp_path)
    first = _start_run(_run_args(landing, warehouse, site_dir))
    try:
        _wait_for_dbt(first)
        second = run_cli(*_run_args(landing, warehouse, tmp_path / "other-site"), timeout=60)
        assert first.poll() is None  # refused while the first still runs
        line = _one_line(second)
        assert line.startswith(f"onstrategy run: error: {warehouse}: another run is using this warehouse (PID "
                               f"{first.pid}, started ")
    finally:
        first.kill()
        first.wait(timeout=30)
    assert not (tmp_path / "other-site").exists()


def test_a_warehouse_another_program_holds_is_named_by_its_database_error(tmp_path: Path) -> None:
    """dbt against a work warehouse locked by another program: the line is DuckDB's "IO Error", not dagster-dbt's
    "The dbt CLI process with command ... failed"."""
    database = tmp_path / "held.duckdb"
    duckdb.connect(str(database)).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(database)!r}); "
                               "print('open', flush=True); time.sleep(120)"], stdout=subprocess.PIPE, text=True)
    log = tmp_path / "run.log"
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with log.open("w", encoding="utf-8") as output:
            done = subprocess.run(
                [dbt_executable(), "build", "--log-format", "json", "--select", "stg_salesforce__users",
                 "--project-dir", str(dbt_project.project_dir), "--profiles-dir", str(dbt_project.profiles_dir),
                 "--target-path", str(tmp_path / "target")],
                env={**os.environ, ENV_DBT_DUCKDB_PATH: str(database), "DBT_LOG_PATH": str(tmp_path),
                     "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
                stdout=output, stderr=subprocess.STDOUT, timeout=300, check=False)
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert done.returncode != 0
    message = _dbt_log_error(log)
    assert message.startswith(f'IO Error: Could not set lock on file "{database}": Conflicting lock is held')
    assert message.endswith(f"(full output: {log})")
