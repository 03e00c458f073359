"""Loading several landing objects side by side, one DuckDB connection per worker thread.

Why: an object's load is one ordered insert per file (`row_number() over ()` numbers the records in file order),
and DuckDB runs an order-dependent insert on one core whatever its thread count. Loading two objects at a time uses
both cores of a laptop (docs/decisions.md).

Why it is safe: the connections are cursors of one DuckDB database in this process (DuckDB's single-writer lock is
per process, not per connection), each object's load is its own transaction, and each writes only its own raw
table and its own rows of the audit tables, so the transactions never conflict. What every load shares (the raw
schemas, the audit tables) is created before the workers start.
"""

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import duckdb

from onstrategy.errors import OnstrategyError
from onstrategy.ingest.contracts import SourceObject
from onstrategy.ingest.landing import object_files
from onstrategy.ingest.loader import FileLoad, ensure_ingest_ledger, load_object

# More workers than cores only queue; past four, memory (each load holds its reader's buffers) grows for little.
MAX_WORKERS = 4


def default_workers() -> int:
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


@dataclass(frozen=True)
class ObjectOutcome:
    """One object's load: its file loads, or the error that rolled it back."""

    obj: SourceObject
    loads: list[FileLoad]
    error: BaseException | None = None


def landing_bytes(landing: Path, obj: SourceObject) -> int:
    """Size of the object's landing files (0 when it has none, or when they cannot be listed: the load says why)."""
    try:
        return sum(path.stat().st_size for path in object_files(landing, obj))
    except (OnstrategyError, OSError):
        return 0


def load_objects(con: duckdb.DuckDBPyConnection, landing: Path, objects: Sequence[SourceObject],
                 workers: int | None = None) -> Iterator[ObjectOutcome]:
    """Bring the raw tables of `objects` up to date (as `load_object` does), up to `workers` at a time.

    Largest landing first, so the longest load starts at once and the small ones fill the other workers. Yields
    each object's outcome as it finishes. A failed object does not stop the others: its transaction is rolled
    back, the others' are committed, and the caller decides what the failure means.
    """
    ensure_ingest_ledger(con)
    for schema in sorted({obj.raw_schema for obj in objects}):
        con.execute(f"create schema if not exists {schema}")
    largest_first = sorted(objects, key=lambda obj: landing_bytes(landing, obj), reverse=True)
    with ThreadPoolExecutor(max_workers=workers or default_workers(), thread_name_prefix="ingest") as pool:
        futures: dict[Future[list[FileLoad]], SourceObject] = {
            pool.submit(_load_with_own_connection, con, landing, obj): obj for obj in largest_first
        }
        for future in as_completed(futures):
            error = future.exception()
            yield ObjectOutcome(futures[future], [] if error else future.result(), error)


def _load_with_own_connection(con: duckdb.DuckDBPyConnection, landing: Path, obj: SourceObject) -> list[FileLoad]:
    cursor = con.cursor()  # a connection of its own to the same database: its own transaction
    try:
        cursor.execute("set enable_progress_bar = false")
        return load_object(cursor, landing, obj)
    finally:
        cursor.close()
