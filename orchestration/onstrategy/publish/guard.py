"""What a run may write over, and the paths it keeps apart: the guard that stops a run from destroying user files.

A run replaces two things that exist before it starts: the published site folder and the published warehouse file
(and it reuses its own work files beside the warehouse). It replaces them only when they are what onstrategy built:
- a site folder that does not exist, is empty, or carries the marker file `.onstrategy-site` that every build
  writes (a site built before the marker existed is recognised by its own files);
- a warehouse (or work warehouse) file that does not exist, is empty, or is a DuckDB database holding the marker
  table `audit.onstrategy_warehouse` (an older warehouse: by `audit.ingested_files`, which every run wrote).
Anything else fails the run before it starts, with one line naming the path and what to do.

The landing zone, the strategy file, the warehouse, its work files and the site may not lie inside one another
(or be one another): publishing a site folder that holds the warehouse would delete it, and a warehouse inside the
landing zone would be read as input.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb

from onstrategy.errors import OnstrategyError
from onstrategy.settings import Settings

SITE_MARKER = ".onstrategy-site"
SITE_MARKER_TEXT = json.dumps({"built_by": "onstrategy", "what": "the onstrategy executive site; a run replaces "
                               "this folder whole"}) + "\n"
# A site of an earlier release has no marker; these files together are what every one of its builds wrote.
LEGACY_SITE_FILES = ("index.html", "strategy.html", "search/search_index.json", "assets/onstrategy.js")
WAREHOUSE_MARKER_SCHEMA = "audit"
WAREHOUSE_MARKER_TABLE = "onstrategy_warehouse"
LEGACY_WAREHOUSE_TABLE = ("audit", "ingested_files")
# A DuckDB database file has these bytes at offset 8 (its main header's magic).
DUCKDB_MAGIC = b"DUCK"
DUCKDB_MAGIC_OFFSET = 8


DEMO_MARKER = ".onstrategy-demo"
DEMO_FOLDERS = ("salesforce", "stripe")


def prepare_demo_folder(out: Path) -> None:
    """Make `out` ready for a demo landing zone: new, empty, or a demo written before (whose data folders are
    removed, so no file of a larger earlier demo lingers). Anything else is refused: a landing zone of real exports
    must never be overwritten by generated data."""
    if os.path.lexists(out) and not out.is_dir():
        raise OnstrategyError(f"{out}: exists and is not a folder; choose a new folder for --out")
    if out.is_dir() and any(out.iterdir()):
        if not (out / DEMO_MARKER).is_file():
            raise OnstrategyError(f"{out}: the folder holds files the demo did not write (no {DEMO_MARKER} marker); "
                                  "choose a new or empty folder for --out")
        for name in DEMO_FOLDERS:
            shutil.rmtree(out / name, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / DEMO_MARKER).write_text("a demo landing zone written by `onstrategy demo`; the next demo into this "
                                   "folder replaces it\n", encoding="utf-8")


def write_site_marker(site_build_dir: Path) -> None:
    """Mark a finished site build as onstrategy's, so the next run may replace it."""
    (site_build_dir / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")


def is_onstrategy_site(folder: Path) -> bool:
    return (folder / SITE_MARKER).is_file() or all((folder / name).is_file() for name in LEGACY_SITE_FILES)


def check_site_replaceable(site_dir: Path) -> None:
    """Raise unless publishing a site at `site_dir` destroys nothing onstrategy did not build."""
    if not os.path.lexists(site_dir):
        return
    if site_dir.is_symlink() or not site_dir.is_dir():
        raise OnstrategyError(f"{site_dir}: the site folder exists and is not a folder; choose another --site-dir "
                              "(a run replaces the site folder whole)")
    if os.path.ismount(site_dir):
        raise OnstrategyError(f"{site_dir}: the site folder is a mount point, which cannot be replaced atomically; "
                              "publish to a folder inside it (e.g. --site-dir "
                              f"{site_dir / 'onstrategy'})")
    if not any(site_dir.iterdir()) or is_onstrategy_site(site_dir):
        return
    raise OnstrategyError(f"{site_dir}: the site folder holds files onstrategy did not build (no {SITE_MARKER} "
                          "marker), and a run replaces the folder whole; choose a new or empty folder for "
                          "--site-dir")


def mark_warehouse(con: duckdb.DuckDBPyConnection) -> None:
    """Write the marker table that makes this database replaceable by later runs (idempotent)."""
    con.execute(f"create schema if not exists {WAREHOUSE_MARKER_SCHEMA}")
    con.execute(f"create table if not exists {WAREHOUSE_MARKER_SCHEMA}.{WAREHOUSE_MARKER_TABLE} as "
                "select 'onstrategy' as built_by, 'a warehouse built by onstrategy: runs replace this file' as note")


def check_warehouse_replaceable(path: Path, role: str = "warehouse") -> None:
    """Raise unless `path` is absent, empty, or a DuckDB database onstrategy built (`role` names it in errors)."""
    if not os.path.lexists(path):
        return
    if path.is_symlink() or not path.is_file():
        raise OnstrategyError(f"{path}: the {role} path exists and is not a file; choose another --warehouse")
    if path.stat().st_size == 0:
        return
    what = foreign_database_reason(path)
    if what:
        raise OnstrategyError(f"{path}: {what}, and a run replaces the {role} file; choose a new file for "
                              "--warehouse (or remove this one if it is yours to lose)")


def is_duckdb_file(path: Path) -> bool:
    """Whether the file starts like a DuckDB database (read without opening it as one)."""
    try:
        with path.open("rb") as handle:
            handle.seek(DUCKDB_MAGIC_OFFSET)
            return handle.read(len(DUCKDB_MAGIC)) == DUCKDB_MAGIC
    except OSError as exc:
        raise OnstrategyError(f"{path}: cannot be read: {exc.strerror}") from None


def foreign_database_reason(path: Path) -> str | None:
    """None when `path` is a warehouse onstrategy built; else why it is not."""
    if not is_duckdb_file(path):
        return "the file is not a DuckDB database"
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        if "lock" in first.lower():
            return f"the file is open for writing in another program ({first}); close it and run again"
        return f"the file is a DuckDB database that cannot be opened ({first})"
    try:
        return unmarked_database_reason(con)
    finally:
        con.close()


def unmarked_database_reason(con: duckdb.DuckDBPyConnection) -> str | None:
    """None when the open database carries onstrategy's marker (or an older warehouse's audit table)."""
    tables = set(con.execute("select table_schema, table_name from information_schema.tables "
                             "where table_catalog = current_database()").fetchall())
    if not tables:  # nothing to lose (a run killed while it created the file leaves one without its marker)
        return None
    if (WAREHOUSE_MARKER_SCHEMA, WAREHOUSE_MARKER_TABLE) in tables or LEGACY_WAREHOUSE_TABLE in tables:
        return None
    return (f"the file is a DuckDB database onstrategy did not build (no table "
            f"{WAREHOUSE_MARKER_SCHEMA}.{WAREHOUSE_MARKER_TABLE})")


def check_paths_apart(paths: dict[str, Path]) -> None:
    """Raise when two of the named paths are the same or one lies inside another (`paths`: role -> absolute path)."""
    items = list(paths.items())
    for i, (role, path) in enumerate(items):
        for other_role, other in items[i + 1:]:
            if path == other:
                raise OnstrategyError(f"{path}: used as both the {role} and the {other_role}; give each its own path")
            for inner_role, inner, outer_role, outer in ((role, path, other_role, other),
                                                         (other_role, other, role, path)):
                if inner.is_relative_to(outer):
                    raise OnstrategyError(f"{inner}: the {inner_role} lies inside the {outer_role} ({outer}); "
                                          "keep them apart (a run reads or replaces each one whole)")


def check_run_outputs(settings: Settings) -> None:
    """Everything a run must know before it writes anything: paths apart, and only onstrategy's files replaced."""
    check_paths_apart(settings.guarded_paths())
    check_site_replaceable(settings.site_dir)
    check_warehouse_replaceable(settings.warehouse, "warehouse")
    check_warehouse_replaceable(settings.work_warehouse, "work warehouse")
