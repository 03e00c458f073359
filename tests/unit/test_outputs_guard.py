"""A run replaces only what onstrategy built, and keeps its paths apart (onstrategy.publish.guard)."""

from itertools import permutations
from pathlib import Path

import duckdb
import pytest

from onstrategy.errors import OnstrategyError
from onstrategy.publish.guard import (
    DEMO_MARKER,
    LEGACY_SITE_FILES,
    SITE_MARKER,
    check_paths_apart,
    check_run_outputs,
    check_site_replaceable,
    check_warehouse_replaceable,
    mark_warehouse,
    prepare_demo_folder,
    write_site_marker,
)
from onstrategy.settings import Settings
from onstrategy.warehouse import connect_writer


def _settings(tmp_path: Path, **paths: Path) -> Settings:
    base = {"landing": tmp_path / "landing", "strategy": tmp_path / "strategy.yml",
            "warehouse": tmp_path / "w.duckdb", "site_dir": tmp_path / "site"}
    return Settings(**{**base, **paths})


# --- the site folder ----------------------------------------------------------------------------------------------

def test_a_new_or_empty_site_folder_may_be_written(tmp_path: Path) -> None:
    check_site_replaceable(tmp_path / "new")
    (tmp_path / "empty").mkdir()
    check_site_replaceable(tmp_path / "empty")


def test_a_folder_of_user_files_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "photos").mkdir(parents=True)
    (folder / "thesis.txt").write_text("four years of work")
    with pytest.raises(OnstrategyError, match=f"^{folder}: the site folder holds files onstrategy did not build"):
        check_site_replaceable(folder)


def test_a_site_onstrategy_built_may_be_replaced(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "reps").mkdir(parents=True)
    (site / "index.html").write_text("<html>")
    with pytest.raises(OnstrategyError):
        check_site_replaceable(site)
    write_site_marker(site)
    assert (site / SITE_MARKER).is_file()
    check_site_replaceable(site)


def test_a_site_of_an_earlier_release_is_recognised_by_its_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in LEGACY_SITE_FILES:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("x")
    check_site_replaceable(site)
    (site / LEGACY_SITE_FILES[-1]).unlink()
    with pytest.raises(OnstrategyError):
        check_site_replaceable(site)


def test_a_file_where_the_site_folder_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("not a folder")
    with pytest.raises(OnstrategyError, match="exists and is not a folder"):
        check_site_replaceable(tmp_path / "site")


# --- the warehouse file -------------------------------------------------------------------------------------------

def test_only_a_warehouse_onstrategy_built_may_be_replaced(tmp_path: Path) -> None:
    check_warehouse_replaceable(tmp_path / "absent.duckdb")
    (tmp_path / "empty.duckdb").touch()
    check_warehouse_replaceable(tmp_path / "empty.duckdb")

    text = tmp_path / "notes.duckdb"
    text.write_text("my notes")
    with pytest.raises(OnstrategyError, match="the file is not a DuckDB database"):
        check_warehouse_replaceable(text)

    foreign = tmp_path / "analytics.duckdb"
    with duckdb.connect(str(foreign)) as con:
        con.execute("create table sales as select 1 as amount")
    with pytest.raises(OnstrategyError, match="a DuckDB database onstrategy did not build"):
        check_warehouse_replaceable(foreign)

    with duckdb.connect(str(foreign)) as con:
        mark_warehouse(con)
    check_warehouse_replaceable(foreign)


def test_a_warehouse_open_for_writing_elsewhere_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        mark_warehouse(con)
    import subprocess
    import sys
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); "
                               "print('open', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(OnstrategyError, match="open for writing in another program"):
            check_warehouse_replaceable(path)
    finally:
        holder.kill()
        holder.wait()


def test_the_writer_marks_a_new_work_warehouse_and_refuses_a_foreign_one(tmp_path: Path) -> None:
    work = tmp_path / "w.duckdb.work"
    with connect_writer(work) as con:
        assert con.execute("select built_by from audit.onstrategy_warehouse").fetchone() == ("onstrategy",)
    check_warehouse_replaceable(work)

    foreign = tmp_path / "other.duckdb.work"
    with duckdb.connect(str(foreign)) as con:
        con.execute("create table t as select 42 as answer")
    before = foreign.read_bytes()
    with pytest.raises(OnstrategyError, match="onstrategy did not build"), connect_writer(foreign):
        pass
    assert foreign.read_bytes() == before

    text = tmp_path / "x.work"
    text.write_text("not a database")
    with pytest.raises(OnstrategyError, match="not a DuckDB database"), connect_writer(text):
        pass
    assert text.read_text() == "not a database"


# --- paths kept apart ---------------------------------------------------------------------------------------------

ROLES = ("landing", "strategy", "warehouse", "site_dir")


@pytest.mark.parametrize(("inner", "outer"), [pair for pair in permutations(ROLES, 2)
                                              if pair[1] in ("landing", "site_dir")])
def test_no_path_may_lie_inside_a_folder_a_run_reads_or_replaces(tmp_path: Path, inner: str, outer: str) -> None:
    outer_path = tmp_path / "outer"
    settings = _settings(tmp_path, **{outer: outer_path, inner: outer_path / "inner"})
    with pytest.raises(OnstrategyError, match="lies inside the"):
        check_paths_apart(settings.guarded_paths())


def test_work_files_inside_the_site_are_refused(tmp_path: Path) -> None:
    """A warehouse beside the site is fine; its work files inside the site (a warehouse named like a folder of
    the site's parent) are not."""
    check_paths_apart(_settings(tmp_path).guarded_paths())
    settings = _settings(tmp_path, site_dir=tmp_path / "w.duckdb.work.dbt")
    with pytest.raises(OnstrategyError, match="used as both the run artifacts folder and the site folder"):
        check_paths_apart(settings.guarded_paths())


def test_the_same_path_for_two_roles_is_refused(tmp_path: Path) -> None:
    settings = _settings(tmp_path, warehouse=tmp_path / "strategy.yml")
    with pytest.raises(OnstrategyError, match="used as both the strategy file and the warehouse"):
        check_paths_apart(settings.guarded_paths())


def test_check_run_outputs_refuses_a_home_folder_as_the_site(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / ".bashrc").write_text("export PATH")
    settings = _settings(tmp_path, landing=tmp_path / "data" / "landing", site_dir=home)
    with pytest.raises(OnstrategyError, match=f"^{home}: the site folder holds files"):
        check_run_outputs(settings)


# --- the demo's output folder -------------------------------------------------------------------------------------

def test_the_demo_writes_only_into_a_new_empty_or_demo_folder(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    (exports / "salesforce").mkdir(parents=True)
    (exports / "salesforce" / "Account.csv").write_text("Id,Name\n001,Real customer\n")
    with pytest.raises(OnstrategyError, match="holds files the demo did not write"):
        prepare_demo_folder(exports)
    assert (exports / "salesforce" / "Account.csv").read_text().endswith("Real customer\n")

    demo = tmp_path / "demo"
    prepare_demo_folder(demo)
    (demo / "salesforce" / "Task").mkdir(parents=True)
    (demo / "salesforce" / "Task" / "0002.csv").write_text("left from a larger demo")
    (demo / "README.txt").write_text("a note of the user's")
    prepare_demo_folder(demo)
    assert (demo / DEMO_MARKER).is_file()
    assert not (demo / "salesforce").exists()  # the earlier demo's data goes, so no file of it lingers
    assert (demo / "README.txt").read_text() == "a note of the user's"
