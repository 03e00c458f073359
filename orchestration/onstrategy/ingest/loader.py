"""Loading landing files into the raw tables with DuckDB's own readers (no row-by-row Python).

Raw tables follow Contract 1 of docs/architecture.md: every value VARCHAR and untouched (empty field = NULL),
plus `_source_file`, `_source_line` and `_batch_rank` so every row can be traced to its file and record.
Structural problems (no header, missing required column, bad encoding, not JSON) stop the load with one
`OnstrategyError` naming the file; row-level problems are left for staging to judge.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb

from onstrategy.errors import OnstrategyError
from onstrategy.ingest.contracts import ALL_OBJECTS, SourceObject
from onstrategy.ingest.landing import object_files, relative_name

# Salesforce long text areas hold up to 131,072 characters; leave ample room for quoting and multi-byte text.
MAX_CSV_LINE_BYTES = 64 * 1024 * 1024
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


def sql_literal(value: str) -> str:
    """A SQL string literal (single quotes doubled)."""
    return "'" + value.replace("'", "''") + "'"


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_csv_header(path: Path) -> list[str]:
    """The header row of a CSV file, BOM removed. Raises OnstrategyError for files that are not readable CSV."""
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(io.StringIO(_first_record_text(handle))), None)
    except UnicodeDecodeError as exc:
        raise OnstrategyError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
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
    select_list = ", ".join(
        f"{quote_ident(mapping[c])} as {quote_ident(c)}" if c in mapping else f"null as {quote_ident(c)}"
        for c in obj.columns
    )
    source_file = relative_name(landing, path)
    sql = f"""
        insert into {obj.qualified_table}
        select {select_list}, {sql_literal(source_file)}, row_number() over (), {batch_rank}
        from read_csv({sql_literal(str(path))}, header = true, auto_detect = false, columns = {read_columns},
                      delim = ',', quote = '"', escape = '"', encoding = 'utf-8', strict_mode = true,
                      max_line_size = {MAX_CSV_LINE_BYTES})
    """
    try:
        before = _row_count(con, obj)
        con.execute(sql)
        rows = _row_count(con, obj) - before
    except duckdb.Error as exc:
        raise OnstrategyError(f"{path}: cannot be read as CSV: {_first_line(exc)}") from None
    return FileLoad(obj.name, source_file, rows, 0, path.stat().st_size)


def _load_jsonl_file(con: duckdb.DuckDBPyConnection, landing: Path, obj: SourceObject, path: Path,
                     batch_rank: int) -> FileLoad:
    source_file = relative_name(landing, path)
    lines_sql = f"""
        select line, row_number() over () as line_number
        from read_csv({sql_literal(str(path))}, header = false, auto_detect = false,
                      columns = {{'line': 'VARCHAR'}}, delim = {sql_literal(_JSON_LINE_DELIMITER)},
                      quote = '', escape = '', encoding = 'utf-8', max_line_size = {MAX_CSV_LINE_BYTES})
    """
    try:
        counts = con.execute(f"""
            with lines as ({lines_sql})
            select count(*) filter (where trim(line) <> ''),
                   count(*) filter (where trim(line) <> '' and not json_valid(line)),
                   min(line_number) filter (where trim(line) <> '' and not json_valid(line))
            from lines
        """).fetchone()
        non_blank, invalid, first_invalid = counts
        if non_blank and invalid == non_blank:
            raise OnstrategyError(f"{path}: not JSON lines (line {first_invalid} is not a JSON object)")
        con.execute(f"""
            insert into {obj.qualified_table}
            select json_extract_string(line, '$.id'), line, {sql_literal(source_file)}, line_number, {batch_rank}
            from ({lines_sql})
            where trim(line) <> '' and json_valid(line)
        """)
    except duckdb.Error as exc:
        raise OnstrategyError(f"{path}: cannot be read as JSON lines: {_first_line(exc)}") from None
    return FileLoad(obj.name, source_file, non_blank, invalid, path.stat().st_size)


def _row_count(con: duckdb.DuckDBPyConnection, obj: SourceObject) -> int:
    return con.execute(f"select count(*) from {obj.qualified_table}").fetchone()[0]


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def load_object(con: duckdb.DuckDBPyConnection, landing: Path, obj: SourceObject) -> list[FileLoad]:
    """Replace the object's raw table with the rows of all its landing files (batches in name order)."""
    files = object_files(landing, obj)
    create_raw_table(con, obj)
    loader = _load_csv_file if obj.extension == "csv" else _load_jsonl_file
    loads = [loader(con, landing, obj, path, rank) for rank, path in enumerate(files, start=1)]
    record_loads(con, obj, loads)
    return loads


def record_loads(con: duckdb.DuckDBPyConnection, obj: SourceObject, loads: list[FileLoad]) -> None:
    """Replace the object's rows in `audit.ingested_files`."""
    con.execute("create schema if not exists audit")
    con.execute("""
        create table if not exists audit.ingested_files (
            source varchar, object varchar, source_file varchar, rows_read bigint, rows_rejected bigint,
            file_bytes bigint)
    """)
    con.execute("delete from audit.ingested_files where source = ? and object = ?", [obj.source, obj.name])
    if loads:
        con.executemany(
            "insert into audit.ingested_files values (?, ?, ?, ?, ?, ?)",
            [(obj.source, x.object_name, x.source_file, x.rows_read, x.rows_rejected, x.file_bytes)
             for x in loads],
        )


def load_landing_zone(con: duckdb.DuckDBPyConnection, landing: Path) -> dict[str, list[FileLoad]]:
    """Load every object of the contract; returns the file loads per raw table (`raw_salesforce.account`...)."""
    if not landing.is_dir():
        raise OnstrategyError(f"{landing}: landing zone folder not found")
    return {obj.qualified_table: load_object(con, landing, obj) for obj in ALL_OBJECTS}
