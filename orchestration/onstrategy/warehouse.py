"""Connections to the DuckDB warehouse files.

A run writes only its private work copy (`<warehouse>.work`), one short-lived connection at a time (DuckDB is
single-writer); readers use the published file read-only.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from onstrategy.errors import OnstrategyError, describe_database_error
from onstrategy.publish.guard import is_duckdb_file, mark_warehouse, unmarked_database_reason
from onstrategy.settings import temp_dir_for

# Large joins spill to disk instead of failing; keeps peak memory bounded on laptop-class machines. The ingest is the
# heaviest user of these connections and streams each file (its CSV reader buffers are sized in ingest.loader), so
# the limit leaves it headroom (docs/decisions.md). The dbt subprocess has its own limit (3GB,
# dbt_project/profiles.yml); the two never run at the same time.
MEMORY_LIMIT = "2GB"
# DuckDB errors that come from the storage (a full disk, an unwritable file, a commit that could not be written)
# rather than from a statement: reported as one line, like an OSError.
STORAGE_ERRORS = (duckdb.IOException, duckdb.OutOfMemoryException, duckdb.TransactionException)


@contextmanager
def connect_writer(database: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to the work warehouse, closed on exit.

    A new database gets onstrategy's marker (onstrategy.publish.guard); an existing one must carry it, so a run never
    writes into a database it did not create."""
    database.parent.mkdir(parents=True, exist_ok=True)
    existed = database.exists() and database.stat().st_size > 0
    if existed and not is_duckdb_file(database):  # before opening: a foreign file is left as it is
        raise OnstrategyError(f"{database}: the file is not a DuckDB database; the run stopped without writing to "
                              "it (choose another --warehouse)")
    try:
        con = duckdb.connect(str(database))
    except duckdb.Error as exc:
        raise OnstrategyError(f"{database}: cannot open the work warehouse for writing: "
                              f"{str(exc).splitlines()[0]}") from None
    try:
        if existed and (reason := unmarked_database_reason(con)):
            raise OnstrategyError(f"{database}: {reason}; the run stopped without writing to it")
        con.execute("set enable_progress_bar = false")
        con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
        con.execute(f"set temp_directory = '{temp_dir_for(database)}'")
        mark_warehouse(con)
        yield con
    except STORAGE_ERRORS as exc:  # the disk, not the data: one line naming the file DuckDB could not write
        raise OnstrategyError(describe_database_error(exc, database, "write the work warehouse")) from exc
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


def one_row(con: duckdb.DuckDBPyConnection, sql: str, parameters: object = None) -> tuple[Any, ...]:
    """The row of a query that always returns exactly one (an aggregate without `group by`)."""
    row = con.execute(sql, parameters).fetchone()
    if row is None:
        raise RuntimeError(f"no row from a query that always returns one: {sql}")
    return row
