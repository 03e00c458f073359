"""SQL text the Python side writes into DuckDB statements: string literals and quoted identifiers."""

from pathlib import Path


def sql_literal(value: str | Path) -> str:
    """A SQL string literal (single quotes doubled): a value, a file name or a path."""
    return "'" + str(value).replace("'", "''") + "'"


def quote_ident(name: str) -> str:
    """A quoted identifier (double quotes doubled): a schema, table or column name as it is."""
    return '"' + name.replace('"', '""') + '"'
