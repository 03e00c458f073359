"""`onstrategy export`: the marts of a published warehouse as files, for spreadsheet and BI users.

One file per table of schema `marts` (Parquet keeps the column types; CSV is text with a header row), each sorted by
all its columns so that one warehouse always gives the same files, and a README.md that lists every table with its
row count and its columns: name, type and the description the warehouse carries (the DuckDB comments that dbt
writes from the models' YAML).

The export is built in a hidden folder beside `--out` and swapped in whole once every file is written, so a failed
export leaves the previous one as it was. `--out` must be new, empty, or an earlier export (it carries the marker
file `.onstrategy-export`): a folder holding anything else is refused, never overwritten.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from onstrategy.errors import OnstrategyError
from onstrategy.settings import EXPORT_FORMATS
from onstrategy.sql_text import quote_ident, sql_literal
from onstrategy.warehouse import connect_reader

EXPORT_MARKER = ".onstrategy-export"
MARTS_SCHEMA = "marts"
README = "README.md"
DUCKDB_COPY_OPTIONS = {"parquet": "format parquet", "csv": "format csv, header true, force_quote *"}


@dataclass(frozen=True)
class MartColumn:
    name: str
    data_type: str
    description: str


@dataclass(frozen=True)
class MartTable:
    name: str
    description: str
    rows: int
    columns: tuple[MartColumn, ...]

    def file_name(self, file_format: str) -> str:
        return f"{self.name}.{file_format}"


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[MartTable]:
    """Every table of schema `marts`, by name, with its comment, row count and columns in table order (three
    statements, whatever the number of tables)."""
    tables = con.execute(
        "select table_name, coalesce(comment, '') from duckdb_tables() "
        "where database_name = current_database() and schema_name = ? order by table_name", [MARTS_SCHEMA]).fetchall()
    if not tables:
        return []
    columns: dict[str, list[MartColumn]] = {}
    for table, *column in con.execute(
            "select table_name, column_name, data_type, coalesce(comment, '') from duckdb_columns() "
            "where database_name = current_database() and schema_name = ? order by table_name, column_index",
            [MARTS_SCHEMA]).fetchall():
        columns.setdefault(table, []).append(MartColumn(*column))
    counts = dict(con.execute(" union all ".join(
        f"select {sql_literal(name)}, count(*) from {_table(name)}" for name, _ in tables)).fetchall())
    return [MartTable(name, description, counts.get(name, 0), tuple(columns.get(name, ())))
            for name, description in tables]


def check_export_replaceable(out: Path) -> None:
    """Raise unless `out` is new, an empty folder, or an earlier export (which the new one replaces whole)."""
    if not os.path.lexists(out):
        return
    if out.is_symlink() or not out.is_dir():
        raise OnstrategyError(f"{out}: exists and is not a folder; choose a new or empty folder for --out")
    if any(out.iterdir()) and not (out / EXPORT_MARKER).is_file():
        raise OnstrategyError(f"{out}: the folder holds files `onstrategy export` did not write (no {EXPORT_MARKER} "
                              "marker), and an export replaces the folder whole; choose a new or empty folder for "
                              "--out")


def export_marts(warehouse: Path, out: Path, file_format: str) -> list[MartTable]:
    """Write every mart of `warehouse` to `out` as `file_format` files with a README; returns the tables written."""
    if file_format not in EXPORT_FORMATS:
        raise OnstrategyError(f"--format {file_format}: expected one of {', '.join(EXPORT_FORMATS)}")
    check_export_replaceable(out)
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    building = out.with_name(f".{out.name}.{uuid.uuid4().hex}.exporting")
    building.mkdir()
    try:
        with connect_reader(warehouse) as con:
            tables = mart_tables(con)
            if not tables:
                raise OnstrategyError(f"{warehouse}: the warehouse has no tables in schema {MARTS_SCHEMA}; run "
                                      "`onstrategy run` to build them")
            for table in tables:
                target = building / table.file_name(file_format)
                con.execute(f"copy (select * from {_table(table.name)} order by all) to {sql_literal(target)} "
                            f"({DUCKDB_COPY_OPTIONS[file_format]})")
        (building / README).write_text(render_readme(tables, warehouse, file_format), encoding="utf-8")
        (building / EXPORT_MARKER).write_text("written by `onstrategy export`; the next export into this folder "
                                              "replaces it whole\n", encoding="utf-8")
        _swap_in(building, out)
    except duckdb.Error as exc:
        raise OnstrategyError(f"{warehouse}: cannot export the marts: {str(exc).splitlines()[0]}") from exc
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return tables


def render_readme(tables: list[MartTable], warehouse: Path, file_format: str) -> str:
    """The export's README: where it came from, then each table's rows and columns with their descriptions."""
    lines = [
        "# onstrategy marts",
        "",
        f"Exported from the warehouse `{warehouse.name}` by `onstrategy export`: one "
        f"{file_format.upper()} file per table of schema `{MARTS_SCHEMA}`, rows sorted by every column. Metric "
        "definitions: the site's Definitions page. The next export into this folder replaces it whole.",
        "",
        "| table | rows | file |",
        "|---|---:|---|",
        *(f"| [{t.name}](#{t.name}) | {t.rows:,} | `{t.file_name(file_format)}` |" for t in tables),
    ]
    for table in tables:
        lines += ["", f"## {table.name}", "", _cell(table.description) or "(no description)", "",
                  "| column | type | description |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.data_type} | {_cell(c.description)} |" for c in table.columns]
    return "\n".join(lines) + "\n"


def _swap_in(building: Path, out: Path) -> None:
    """Replace `out` (absent, empty, or an earlier export) by the finished `building` folder."""
    previous = out.with_name(f".{out.name}.{uuid.uuid4().hex}.previous")
    if os.path.lexists(out):
        out.rename(previous)
    try:
        building.rename(out)
    except OSError:
        if os.path.lexists(previous):
            previous.rename(out)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def _cell(text: str) -> str:
    """Text for one Markdown table cell: on one line, its pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _table(name: str) -> str:
    return f"{MARTS_SCHEMA}.{quote_ident(name)}"
