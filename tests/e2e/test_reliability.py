"""A run never leaves a half-written warehouse or site: killed runs, concurrent readers, reruns, bad strategies.

Each test works on its own copy of the shared demo run's published warehouse and site, so the other end-to-end
tests keep reading the original.
"""

import hashlib
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import duckdb
import psutil
import pytest

from tests.conftest import PROJECT_ROOT, PipelineRun, onstrategy_command, run_cli, tree_digest

pytestmark = pytest.mark.e2e

MART_TABLES_QUERY = "select table_name from information_schema.tables where table_schema = 'marts' order by 1"


def _copy_published(demo_run: PipelineRun, root: Path) -> tuple[Path, Path]:
    warehouse, site_dir = root / "warehouse.duckdb", root / "site"
    shutil.copyfile(demo_run.warehouse, warehouse)
    shutil.copytree(demo_run.site_dir, site_dir)
    return warehouse, site_dir


def _run_args(demo_run: PipelineRun, warehouse: Path, site_dir: Path, strategy: Path | None = None) -> list[str]:
    return ["run", "--landing", str(demo_run.landing), "--strategy", str(strategy or demo_run.strategy),
            "--warehouse", str(warehouse), "--site-dir", str(site_dir)]




def _mart_contents(warehouse: Path) -> dict[str, str]:
    """Per mart table: a hash of all its rows in a canonical order (what a reader of the marts sees)."""
    contents = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for (table,) in con.execute(MART_TABLES_QUERY).fetchall():
            rows = con.execute(f"select * from marts.{table}").fetchall()
            contents[table] = hashlib.sha256(repr(sorted(rows, key=repr)).encode()).hexdigest()
    return contents


def _kill_when(process: subprocess.Popen, stage_reached, timeout: float = 300) -> None:
    """SIGKILL the run's whole process group (the CLI and its dbt subprocess) as soon as `stage_reached()`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the run ended before the stage to interrupt was reached"
        if stage_reached():
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            return
        time.sleep(0.02)
    raise AssertionError("stage to interrupt not reached in time")


def _dbt_is_running(process: subprocess.Popen) -> bool:
    try:
        children = psutil.Process(process.pid).children(recursive=True)
        return any("dbt" in " ".join(child.cmdline()) for child in children)
    except psutil.Error:
        return False


@pytest.mark.parametrize("stage", ["ingest", "dbt"])
def test_sigkill_mid_run_leaves_the_published_warehouse_and_site_untouched(
        demo_run: PipelineRun, tmp_path: Path, stage: str) -> None:
    warehouse, site_dir = _copy_published(demo_run, tmp_path)
    before = (tree_digest(warehouse), tree_digest(site_dir))
    work = warehouse.with_name(warehouse.name + ".work")
    process = subprocess.Popen([*onstrategy_command(), *_run_args(demo_run, warehouse, site_dir)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    if stage == "ingest":
        # the work warehouse appears when the first ingest asset opens it; dbt has not started yet
        _kill_when(process, lambda: work.exists() and not _dbt_is_running(process))
    else:
        _kill_when(process, lambda: _dbt_is_running(process))
    assert process.returncode == -signal.SIGKILL
    assert (tree_digest(warehouse), tree_digest(site_dir)) == before

    rerun = run_cli(*_run_args(demo_run, warehouse, site_dir))
    assert rerun.returncode == 0, rerun.stderr
    assert _mart_contents(warehouse) == _mart_contents(demo_run.warehouse)


def test_rerun_on_the_same_landing_zone_gives_identical_marts(demo_run: PipelineRun, tmp_path: Path) -> None:
    warehouse, site_dir = tmp_path / "warehouse.duckdb", tmp_path / "site"
    rerun = run_cli(*_run_args(demo_run, warehouse, site_dir))
    assert rerun.returncode == 0, rerun.stderr
    first, second = _mart_contents(demo_run.warehouse), _mart_contents(warehouse)
    assert len(first) >= 15
    assert second == first


def test_readers_are_never_blocked_and_always_see_a_complete_warehouse(demo_run: PipelineRun,
                                                                        tmp_path: Path) -> None:
    warehouse, site_dir = _copy_published(demo_run, tmp_path)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        complete_state = con.execute("select count(*), sum(amount) from marts.fct_bookings").fetchone()
    errors: list[str] = []
    seen: list[tuple] = []
    stop = threading.Event()

    def read_in_a_loop() -> None:
        while not stop.is_set():
            try:
                with duckdb.connect(str(warehouse), read_only=True) as reader:
                    seen.append(reader.execute("select count(*), sum(amount) from marts.fct_bookings").fetchone())
            except duckdb.Error as error:  # a lock conflict or a half-written file would land here
                errors.append(str(error))
            time.sleep(0.01)

    reader = threading.Thread(target=read_in_a_loop)
    reader.start()
    try:
        run = run_cli(*_run_args(demo_run, warehouse, site_dir))
    finally:
        stop.set()
        reader.join()
    assert run.returncode == 0, run.stderr
    assert errors == []
    assert len(seen) > 50
    # the same landing zone: the old and the new warehouse hold the same bookings; every read saw one of them whole
    assert {state[0] for state in seen} == {complete_state[0]}
    assert all(state[1] == pytest.approx(complete_state[1], rel=1e-12) for state in seen)


def test_an_invalid_strategy_publishes_nothing(demo_run: PipelineRun, tmp_path: Path) -> None:
    warehouse, site_dir = _copy_published(demo_run, tmp_path)
    before = (tree_digest(warehouse), tree_digest(site_dir))
    broken = tmp_path / "strategy.yml"
    text = (PROJECT_ROOT / "strategy.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("target_share: 0.35, strategic: false}", "target_share: 0.25, strategic: false}",
                                   1), encoding="utf-8")
    run = run_cli(*_run_args(demo_run, warehouse, site_dir, strategy=broken))
    assert run.returncode == 1
    assert "target shares sum to" in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert (tree_digest(warehouse), tree_digest(site_dir)) == before
    assert not warehouse.with_name(warehouse.name + ".work").exists()
