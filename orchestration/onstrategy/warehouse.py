"""Connections to the DuckDB warehouse files.

A run writes only its private work copy (`<warehouse>.work`), one short-lived connection at a time (DuckDB is
single-writer); readers use the published file read-only.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from onstrategy.errors import OnstrategyError

# Large joins spill to disk instead of failing; keeps peak memory bounded on laptop-class machines. The ingest is the
# heaviest user of these connections and streams each file (its CSV reader buffers are sized in ingest.loader): at
# demo scale 100 it needs about 1 GB, so 2 GB leaves headroom. The dbt subprocess has its own limit (3GB,
# dbt_project/profiles.yml); the two never run at the same time.
MEMORY_LIMIT = "2GB"


def temp_directory_for(database: Path) -> Path:
    return database.with_name(database.name + ".tmp")


@contextmanager
def connect_writer(database: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to the work warehouse, closed on exit."""
    database.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(database))
    except duckdb.IOException as exc:
        raise OnstrategyError(f"{database}: cannot open the work warehouse for writing: {exc}") from None
    try:
        con.execute("set enable_progress_bar = false")
        con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
        con.execute(f"set temp_directory = '{temp_directory_for(database)}'")
        yield con
    finally:
        con.close()


@contextmanager
def connect_reader(database: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection (RevOps, the site builder), closed on exit."""
    if not database.exists():
        raise OnstrategyError(f"{database}: warehouse file not found")
    con = duckdb.connect(str(database), read_only=True)
    try:
        yield con
    finally:
        con.close()
