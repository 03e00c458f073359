"""The query layer: SQL files in `queries/` run read-only against the warehouse's marts.

SQL files may use Jinja for *identifiers* known to the code or read from information_schema (metric columns,
table names), always through the `ident` / `lit` filters; values are bound as DuckDB parameters (`$q`).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import jinja2

from onstrategy.errors import OnstrategyError

# Control characters a warehouse value may hold (a NUL or an escape in an account name) never reach a page: tabs and
# line breaks become spaces (a name stays on its line in Markdown), every other one its visible Unicode picture
# (U+0000 -> U+2400 "␀"), or U+FFFD for the C1 range, so the reader sees that the data holds one.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_WHITESPACE = {"\t", "\n", "\r"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _WHITESPACE:
        return " "
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def visible_text(value: str) -> str:
    """`value` with every control character replaced as described above."""
    return _CONTROL.sub(_visible, value) if _CONTROL.search(value) else value


REQUIRED_MARTS = ("dim_reps", "fct_bookings", "fct_strategy_adherence_by_rep", "fct_strategy_adherence_company")


def _ident(name: object) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _lit(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _visible_row(row: tuple[Any, ...], text_columns: list[int]) -> tuple[Any, ...]:
    if not any(isinstance(row[i], str) and _CONTROL.search(row[i]) for i in text_columns):
        return row
    return tuple(visible_text(v) if i in text_columns and isinstance(v, str) else v for i, v in enumerate(row))


class Warehouse:
    """A read-only connection to the DuckDB warehouse plus the catalog of its tables."""

    def __init__(self, path: Path) -> None:
        path = Path(path)
        if not path.is_file():
            raise OnstrategyError(f"{path}: warehouse file not found (run the pipeline first)")
        try:
            self.con = duckdb.connect(str(path), read_only=True)
        except duckdb.Error as exc:
            msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise OnstrategyError(f"{path}: cannot open the warehouse read-only: {msg}") from exc
        self.path = path
        self.con.execute("set enable_progress_bar = false")
        rows = self.con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where table_catalog = current_database() and table_schema in ('marts', 'audit', 'quarantine') "
            "order by table_schema, table_name, ordinal_position"
        ).fetchall()
        self.columns: dict[str, list[str]] = {}
        for schema, table, column in rows:
            self.columns.setdefault(f"{schema}.{table}", []).append(column)
        # the strategy tables the pipeline wrote from strategy.yml (the alignment plans' approvers and dates): known
        # to `has`, not among `columns` (which the data-quality page counts the rows of)
        self.strategy_tables = {f"strategy.{t}" for (t,) in self.con.execute(
            "select table_name from information_schema.tables "
            "where table_catalog = current_database() and table_schema = 'strategy'").fetchall()}
        missing = [t for t in REQUIRED_MARTS if f"marts.{t}" not in self.columns]
        if missing:
            self.close()
            raise OnstrategyError(
                f"{path}: marts missing: {', '.join('marts.' + t for t in missing)} (did dbt build run?)")
        pkg = resources.files("onstrategy_site") / "queries"
        self._env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(pkg)), trim_blocks=True,
                                       lstrip_blocks=True, undefined=jinja2.StrictUndefined, autoescape=False)
        self._env.filters["ident"] = _ident
        self._env.filters["lit"] = _lit
        self.queries_run = 0

    def close(self) -> None:
        self.con.close()

    def has(self, table: str) -> bool:
        return table in self.columns or table in self.strategy_tables

    def tables(self, schema: str) -> list[str]:
        return [t.split(".", 1)[1] for t in self.columns if t.startswith(schema + ".")]

    def run(self, name: str, params: dict[str, Any] | None = None, **context: Any) -> list[dict[str, Any]]:
        """Run queries/<name>.sql (Jinja-rendered with `context`) and return the rows as dicts."""
        sql = self._env.get_template(f"{name}.sql").render(tables=set(self.columns), **context)
        try:
            cur = self.con.execute(sql, params or {})
            cols = [d[0] for d in cur.description]
            rows = cur.fetchall()
            text_columns = [i for i, d in enumerate(cur.description) if str(d[1]).upper() in ("STRING", "VARCHAR")]
            if text_columns:
                rows = [_visible_row(row, text_columns) for row in rows]
            out = [dict(zip(cols, row, strict=True)) for row in rows]
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0]
            raise OnstrategyError(f"{self.path}: site query {name}.sql failed: {first}") from exc
        self.queries_run += 1
        return out
