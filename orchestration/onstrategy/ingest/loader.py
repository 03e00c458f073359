"""Loading landing files into the raw tables with DuckDB's own readers (no row-by-row Python).

Raw tables follow Contract 1 of docs/architecture.md: every value VARCHAR and untouched (empty field = NULL),
plus `_source_file`, `_source_line` and `_batch_rank` so every row can be traced to its file and record.
Structural problems (no header, missing required column, bad encoding, not JSON) stop the load with one
`OnstrategyError` naming the file; row-level problems are left for staging to judge.
"""

import codecs
import contextlib
import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from onstrategy.errors import OnstrategyError
from onstrategy.ingest.contracts import SourceObject
from onstrategy.ingest.landing import object_files, relative_name
from onstrategy.ingest.salesforce_ids import to_18_sql
from onstrategy.sql_text import quote_ident, sql_literal
from onstrategy.transform.incremental import PENDING_APPENDED, PENDING_RELOADED, ensure_build_state
from onstrategy.warehouse import one_row

# Salesforce long text areas hold up to 131,072 characters; leave ample room for quoting and multi-byte text.
MAX_CSV_LINE_BYTES = 64 * 1024 * 1024
# DuckDB's CSV reader buffer defaults to 16 x max_line_size, 1 GiB blocks per file: twice the longest line is enough
# for the reader, keeps the ingest within its memory limit and costs no speed (docs/decisions.md).
CSV_BUFFER_BYTES = 2 * MAX_CSV_LINE_BYTES
# A byte that cannot appear unescaped in valid JSON: lets read_csv hand us whole JSON lines.
_JSON_LINE_DELIMITER = "\x1f"


@dataclass(frozen=True)
class FileLoad:
    """What one landing file contributed to its raw table."""

    object_name: str
    source_file: str
    rows_read: int
    rows_rejected: int
    file_bytes: int
    loaded_now: bool = True  # False: loaded by an earlier run, unchanged since


def read_csv_header(path: Path) -> list[str]:
    """The header row of a CSV file, BOM removed. Raises OnstrategyError for files that are not readable CSV."""
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(io.StringIO(_first_record_text(handle))), None)
    except UnicodeDecodeError:
        bad = first_invalid_utf8(path)
        where = f"{path}:{bad[0]}" if bad else str(path)
        detail = f" (byte 0x{bad[2]:02x} at column {bad[1]})" if bad else ""
        raise OnstrategyError(f"{where}: not UTF-8 text{detail}; export the file as UTF-8") from None
    except csv.Error as exc:
        raise OnstrategyError(f"{path}: header row is not valid CSV ({exc})") from None
    if not header or all(not column.strip() for column in header):
        raise OnstrategyError(f"{path}: empty file, no header row")
    names = [column.strip() for column in header]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise OnstrategyError(f"{path}: duplicate column(s) in header: {', '.join(duplicates)}")
    return names


def _first_record_text(handle: io.TextIOBase) -> str:
    """Text of the first CSV record (a header may, in theory, hold quoted newlines)."""
    text = ""
    for line in handle:
        text += line
        if text.count('"') % 2 == 0:
            break
    return text


def _column_map(path: Path, obj: SourceObject, header: list[str]) -> dict[str, str]:
    """Contract column -> header column (case-insensitive); raises when a required column is missing."""
    by_lower = {name.lower(): name for name in header}
    missing = [c for c in obj.required_columns if c.lower() not in by_lower]
    if missing:
        raise OnstrategyError(
            f"{path}: missing required column(s) {', '.join(missing)} for Salesforce object {obj.name}"
        )
    return {c: by_lower[c.lower()] for c in obj.columns if c.lower() in by_lower}


def _raw_value(obj: SourceObject, column: str, mapping: dict[str, str]) -> str:
    """The select expression of one raw column: the file's value as read, an Id in its 18-character form (a
    landing zone may mix 15- and 18-character Ids), NULL for an optional column the file does not have."""
    if column not in mapping:
        return f"null as {quote_ident(column)}"
    value = quote_ident(mapping[column])
    if column in obj.id_columns:
        value = to_18_sql(value)
    return f"{value} as {quote_ident(column)}"


def create_raw_table(con: duckdb.DuckDBPyConnection, obj: SourceObject) -> None:
    """Create (or empty) the object's raw table with its contract columns."""
    con.execute(f"create schema if not exists {obj.raw_schema}")
    value_columns = obj.columns if obj.source == "salesforce" else ("id", "object_json")
    columns = [f"{quote_ident(c)} varchar" for c in value_columns]
    columns += ["_source_file varchar", "_source_line bigint", "_batch_rank integer"]
    con.execute(f"create or replace table {obj.qualified_table} ({', '.join(columns)})")


def _load_csv_file(con: duckdb.DuckDBPyConnection, landing: Path, obj: SourceObject, path: Path,
                   batch_rank: int) -> FileLoad:
    header = read_csv_header(path)
    mapping = _column_map(path, obj, header)
    read_columns = "{" + ", ".join(f"{sql_literal(name)}: 'VARCHAR'" for name in header) + "}"
    select_list = ", ".join(_raw_value(obj, c, mapping) for c in obj.columns)
    source_file = relative_name(landing, path)
    sql = f"""
        insert into {obj.qualified_table}
        select {select_list}, {sql_literal(source_file)}, row_number() over (), {batch_rank}
        from read_csv({sql_literal(str(path))}, header = true, auto_detect = false, columns = {read_columns},
                      delim = ',', quote = '"', escape = '"', encoding = 'utf-8', strict_mode = true,
                      max_line_size = {MAX_CSV_LINE_BYTES},
                      buffer_size = {CSV_BUFFER_BYTES})
    """
    try:
        before = _row_count(con, obj)
        con.execute(sql)
        rows = _row_count(con, obj) - before
    except duckdb.Error as exc:
        raise OnstrategyError(describe_csv_error(path, exc)) from None
    return FileLoad(obj.name, source_file, rows, 0, path.stat().st_size)


_CSV_ERROR_LINE = re.compile(r"CSV Error on Line: (\d+)")
_COLUMN_COUNT = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


def describe_csv_error(path: Path, exc: Exception) -> str:
    """DuckDB's CSV error as one line: `<file>:<line>: <cause>` (its message spans a dozen lines of hints)."""
    text = str(exc)
    if isinstance(exc, duckdb.IOException | duckdb.OutOfMemoryException) and "CSV Error" not in text:
        # not the file's fault: the warehouse could not be written (its path is in DuckDB's message)
        return f"{path}: loading stopped: {_first_line(exc)}"
    line_match = _CSV_ERROR_LINE.search(text)
    where = f"{path}:{line_match.group(1)}" if line_match else str(path)
    if "Invalid unicode" in text or "not utf-8" in text.lower():
        bad = first_invalid_utf8(path)
        if bad is not None:
            line, column, byte = bad
            return (f"{path}:{line}: not UTF-8 text (byte 0x{byte:02x} at column {column}); export the file "
                    "as UTF-8")
        return f"{where}: not UTF-8 text; export the file as UTF-8"
    columns = _COLUMN_COUNT.search(text)
    if columns:
        return (f"{where}: expected {columns.group(1)} fields as in the header, found {columns.group(2)} (an "
                "unquoted comma or a cut line?)")
    if "unterminated quote" in text:
        return f"{where}: a quoted field is never closed (a missing \" in this record or the ones after it)"
    lines = [part.strip() for part in text.splitlines() if part.strip()]
    cause = next((part for part in lines[1:] if not part.startswith(("Original Line", "Possible", "*"))), None)
    return f"{where}: cannot be read as CSV: {cause or lines[0] if lines else type(exc).__name__}"


def first_invalid_utf8(path: Path) -> tuple[int, int, int] | None:
    """(line, column, byte) of the first byte that is not UTF-8, 1-based; None when the file is valid UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line, line_start, offset = 1, 0, 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                # exc.object: the bytes held back from the last chunk (an unfinished character), then this chunk
                buffer_start = offset - (len(exc.object) - len(chunk))
                before = exc.object[:exc.start]
                newlines = before.count(b"\n")
                if newlines:
                    line += newlines - exc.object[:len(exc.object) - len(chunk)].count(b"\n")
                    line_start = buffer_start + before.rfind(b"\n") + 1
                return line, buffer_start + exc.start - line_start + 1, exc.object[exc.start]
            newlines = chunk.count(b"\n")
            if newlines:
                line += newlines
                line_start = offset + chunk.rfind(b"\n") + 1
            offset += len(chunk)
    return None


def _load_jsonl_file(con: duckdb.DuckDBPyConnection, landing: Path, obj: SourceObject, path: Path,
                     batch_rank: int) -> FileLoad:
    source_file = relative_name(landing, path)
    lines_sql = f"""
        select line, row_number() over () as line_number
        from read_csv({sql_literal(str(path))}, header = false, auto_detect = false,
                      columns = {{'line': 'VARCHAR'}}, delim = {sql_literal(_JSON_LINE_DELIMITER)},
                      quote = '', escape = '', encoding = 'utf-8', max_line_size = {MAX_CSV_LINE_BYTES},
                      buffer_size = {CSV_BUFFER_BYTES})
    """
    try:
        # one JSON parse per line (`try`: NULL for a line that is not JSON); validity is checked afterwards on the
        # few lines without an id only
        con.execute(f"""
            insert into {obj.qualified_table}
            select try(json_extract_string(line, '$.id')), line, {sql_literal(source_file)}, line_number, {batch_rank}
            from ({lines_sql})
            where trim(line) <> ''
        """)
        non_blank, invalid, first_invalid = one_row(con, f"""
            select count(*),
                   count(*) filter (where id is null and not coalesce(json_valid(object_json), false)),
                   min(_source_line) filter (where id is null and not coalesce(json_valid(object_json), false))
            from {obj.qualified_table}
            where _source_file = ?
        """, [source_file])
        if non_blank and invalid == non_blank:
            raise OnstrategyError(f"{path}: not JSON lines (line {first_invalid} is not a JSON object)")
    except duckdb.Error as exc:
        raise OnstrategyError(f"{path}: cannot be read as JSON lines: {_first_line(exc)}") from None
    # a line that is not JSON is kept as read: the object's quarantine model sets it aside (`invalid_json`)
    return FileLoad(obj.name, source_file, non_blank, 0, path.stat().st_size)


def _row_count(con: duckdb.DuckDBPyConnection, obj: SourceObject) -> int:
    return one_row(con, f"select count(*) from {obj.qualified_table}")[0]


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def read_object(con: duckdb.DuckDBPyConnection, landing: Path, obj: SourceObject) -> None:
    """Read every landing file of a Salesforce object into its raw table, as the ingest reads it (same columns,
    same Ids, same errors), without the ledger: for a check that looks at the landing zone before a run."""
    create_raw_table(con, obj)
    for rank, path in enumerate(object_files(landing, obj), start=1):
        _load_csv_file(con, landing, obj, path, rank)


def load_object(con: duckdb.DuckDBPyConnection, landing: Path, obj: SourceObject) -> list[FileLoad]:
    """Bring the object's raw table up to date with its landing files (batches in name order).

    When every file loaded before is still there, unchanged, and the new files sort after them, only the new files
    are appended (an incremental load); otherwise the raw table is rebuilt from all files. Either way the change is
    recorded in `audit.pending_changes` until a dbt build succeeds (`onstrategy.transform.incremental`). Raw table, file
    ledger and pending change are written in one transaction.
    """
    files = object_files(landing, obj)
    loader = _load_csv_file if obj.extension == "csv" else _load_jsonl_file
    ensure_ingest_ledger(con)
    previous = _ledger_rows(con, obj)
    appendable = _appendable(con, obj, landing, files, previous)
    con.execute("begin transaction")
    try:
        if appendable:
            new_files = files[len(previous):]
            first_rank = len(previous) + 1
            new_loads = [loader(con, landing, obj, path, rank) for rank, path in enumerate(new_files, first_rank)]
            _record_loads(con, obj, new_files, new_loads, first_rank)
            if new_files:
                _record_pending_change(con, obj, PENDING_APPENDED, first_rank)
            loads = [FileLoad(obj.name, row.source_file, row.rows_read, row.rows_rejected, row.file_bytes,
                              loaded_now=False) for row in previous] + new_loads
        else:
            create_raw_table(con, obj)
            loads = [loader(con, landing, obj, path, rank) for rank, path in enumerate(files, start=1)]
            con.execute("delete from audit.ingested_files where source = ? and object = ?", [obj.source, obj.name])
            _record_loads(con, obj, files, loads, 1)
            _record_pending_change(con, obj, PENDING_RELOADED, 1)
        con.execute("commit")
    except BaseException:
        # a failed write (a full disk) can end the transaction itself; the original error is the one to report
        with contextlib.suppress(duckdb.Error):
            con.execute("rollback")
        raise
    return loads


_LEDGER_COLUMNS = {
    "source": "varchar", "object": "varchar", "source_file": "varchar", "rows_read": "bigint",
    "rows_rejected": "bigint", "file_bytes": "bigint", "file_mtime_ns": "bigint", "file_digest": "varchar",
    "batch_rank": "integer", "newest_record_at": "timestamp",
}


@dataclass(frozen=True)
class LedgerRow:
    source_file: str
    rows_read: int
    rows_rejected: int
    file_bytes: int
    file_mtime_ns: int
    file_digest: str
    batch_rank: int


def ensure_ingest_ledger(con: duckdb.DuckDBPyConnection) -> None:
    """Create `audit.ingested_files` (one row per loaded file) and `audit.pending_changes` (one row per object
    changed since the last successful dbt build); a ledger of an older layout is dropped: every object reloads."""
    con.execute("create schema if not exists audit")
    existing = {row[0] for row in con.execute(
        "select column_name from information_schema.columns where table_schema = 'audit' "
        "and table_name = 'ingested_files'").fetchall()}
    if existing and existing != set(_LEDGER_COLUMNS):
        con.execute("drop table audit.ingested_files")
    columns = ", ".join(f"{name} {kind}" for name, kind in _LEDGER_COLUMNS.items())
    con.execute(f"create table if not exists audit.ingested_files ({columns})")
    ensure_build_state(con)


def _record_pending_change(con: duckdb.DuckDBPyConnection, obj: SourceObject, change: str, first_rank: int) -> None:
    """Remember what changed: a reload wins over appends; successive appends keep the first new batch."""
    pending = con.execute("select change from audit.pending_changes where source = ? and object = ?",
                          [obj.source, obj.name]).fetchone()
    if pending and (pending[0] == PENDING_RELOADED or change == PENDING_APPENDED):
        return
    con.execute("delete from audit.pending_changes where source = ? and object = ?", [obj.source, obj.name])
    con.execute("insert into audit.pending_changes values (?, ?, ?, ?)", [obj.source, obj.name, change, first_rank])


def _ledger_rows(con: duckdb.DuckDBPyConnection, obj: SourceObject) -> list[LedgerRow]:
    rows = con.execute(
        "select source_file, rows_read, rows_rejected, file_bytes, file_mtime_ns, file_digest, batch_rank "
        "from audit.ingested_files where source = ? and object = ? order by batch_rank",
        [obj.source, obj.name]).fetchall()
    return [LedgerRow(*row) for row in rows]


def _appendable(con: duckdb.DuckDBPyConnection, obj: SourceObject, landing: Path, files: list[Path],
                previous: list[LedgerRow]) -> bool:
    """Whether loading only the files after `previous` gives the same raw table as a reload would."""
    if not previous or len(files) < len(previous) or not _table_exists(con, obj):
        return False
    for rank, (path, row) in enumerate(zip(files, previous, strict=False), start=1):
        stat = path.stat()
        if (relative_name(landing, path), stat.st_size, stat.st_mtime_ns, rank) != \
                (row.source_file, row.file_bytes, row.file_mtime_ns, row.batch_rank) \
                or file_digest(path) != row.file_digest:
            return False
    loaded_rows = sum(row.rows_read - row.rows_rejected for row in previous)
    return _row_count(con, obj) == loaded_rows


def file_digest(path: Path) -> str:
    """A digest of the file's first and last MiB and its size: with the modification time, tells a file rewritten
    in place (file-system clocks tick in milliseconds) from the one loaded before, without reading gigabytes."""
    sample = 1024 * 1024
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        digest.update(handle.read(sample))
        size = path.stat().st_size
        if size > sample:
            handle.seek(max(sample, size - sample))
            digest.update(handle.read(sample))
        digest.update(str(size).encode())
    return digest.hexdigest()


def _table_exists(con: duckdb.DuckDBPyConnection, obj: SourceObject) -> bool:
    return one_row(
        con, "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [obj.raw_schema, obj.table])[0] == 1


def _record_loads(con: duckdb.DuckDBPyConnection, obj: SourceObject, files: list[Path], loads: list[FileLoad],
                  first_rank: int) -> None:
    if loads:
        newest = _newest_records(con, obj, first_rank)
        con.executemany(
            "insert into audit.ingested_files values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(obj.source, load.object_name, load.source_file, load.rows_read, load.rows_rejected, load.file_bytes,
              path.stat().st_mtime_ns, file_digest(path), rank, newest.get(load.source_file))
             for rank, (path, load) in enumerate(zip(files, loads, strict=True), start=first_rank)],
        )


def newest_record_expression(obj: SourceObject) -> str | None:
    """When a raw record was last modified (UTC timestamp), or None when the object has no such date.

    Stripe: `created` of lines that are JSON (a line with an id parsed at ingest; other lines are quarantined).
    Salesforce: `SystemModstamp`, when the contract requires it (UserRole's and the rates' are often absent)."""
    if obj.source == "stripe":
        return ("case when id is not null then to_timestamp(try_cast(json_extract_string(object_json, '$.created') "
                "as bigint)) at time zone 'UTC' end")
    if "SystemModstamp" not in obj.required_columns:
        return None
    return "cast(try_cast(trim(\"SystemModstamp\") as timestamptz) at time zone 'UTC' as timestamp)"


def _newest_records(con: duckdb.DuckDBPyConnection, obj: SourceObject, first_rank: int) -> dict[str, datetime]:
    """The newest record of each file loaded from batch `first_rank` on, for the freshness checks: computed once
    per file at load, so a run that appends a batch does not scan the whole raw table again."""
    expression = newest_record_expression(obj)
    if expression is None:
        return {}
    rows = con.execute(f"select _source_file, max({expression}) from {obj.qualified_table} "
                       f"where _batch_rank >= ? group by _source_file", [first_rank]).fetchall()
    return {source_file: newest for source_file, newest in rows if newest is not None}

