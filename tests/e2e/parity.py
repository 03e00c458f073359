"""Row-by-row comparison of the tables dbt built in two published warehouses (DuckDB engine vs Spark engine).

Rows are matched by the table's key, taken from its dbt tests (`unique` or `unique_combination_of_columns`), so a
new mart is compared without editing this file; a table without such a test is matched on all its columns.
Numbers must agree to 1e-9 relative, everything else exactly.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

REL_TOL = 1e-9
ABS_TOL = 1e-12
MAX_REPORTED = 20


@dataclass
class Comparison:
    """What one comparison of two warehouses found."""

    tables: int = 0
    rows: int = 0
    values: int = 0
    differences: list[str] = field(default_factory=list)

    def add(self, other: Comparison) -> None:
        self.tables += other.tables
        self.rows += other.rows
        self.values += other.values
        self.differences += other.differences


def dbt_table_keys(manifest: Path) -> dict[str, list[str]]:
    """`schema.table` -> key columns, from the unique tests in dbt's manifest (first unique test found)."""
    nodes = json.loads(manifest.read_text(encoding="utf-8"))["nodes"]
    keys: dict[str, list[str]] = {}
    for node in sorted(nodes.values(), key=lambda n: n["unique_id"]):
        meta = node.get("test_metadata") or {}
        attached = nodes.get(node.get("attached_node") or "")
        if node["resource_type"] != "test" or attached is None:
            continue
        table = f"{attached['schema']}.{attached['alias']}"
        kwargs = meta.get("kwargs", {})
        if meta.get("name") == "unique" and kwargs.get("column_name"):
            keys.setdefault(table, [kwargs["column_name"]])
        elif meta.get("name") == "unique_combination_of_columns":
            keys.setdefault(table, list(kwargs["combination_of_columns"]))
    # a single-column key is the clearest to report; prefer it when a table has one
    for node in nodes.values():
        meta = node.get("test_metadata") or {}
        attached = nodes.get(node.get("attached_node") or "")
        if meta.get("name") == "unique" and attached is not None and meta["kwargs"].get("column_name"):
            keys[f"{attached['schema']}.{attached['alias']}"] = [meta["kwargs"]["column_name"]]
    return keys


def warehouse_tables(path: Path, schemas: list[str]) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        found = con.execute(
            "select table_schema || '.' || table_name from information_schema.tables "
            "where table_catalog = current_database() and table_schema in (select unnest(?)) order by 1",
            [schemas]).fetchall()
    return [name for (name,) in found]


def _read(path: Path, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    with duckdb.connect(str(path), read_only=True) as con:
        cursor = con.execute(f"select * from {table}")
        return [d[0] for d in cursor.description], cursor.fetchall()


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def values_equal(left: Any, right: Any) -> bool:
    if left is None or right is None:
        return left is None and right is None
    if _is_number(left) and _is_number(right):
        a, b = float(left), float(right)
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    return left == right


def _sort_key(row: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(repr(v) for v in row)


def compare_table(expected: Path, actual: Path, table: str, key: list[str] | None) -> Comparison:
    """Compare `table` of two warehouses: same columns, same keys, equal values."""
    result = Comparison(tables=1)
    columns, rows = _read(expected, table)
    other_columns, other_rows = _read(actual, table)
    if columns != other_columns:
        result.differences.append(f"{table}: columns differ: {columns} vs {other_columns}")
        return result
    if len(rows) != len(other_rows):
        result.differences.append(f"{table}: {len(rows)} rows vs {len(other_rows)}")
    positions = [columns.index(k) for k in key] if key else None
    if positions is None:
        pairs = list(zip(sorted(rows, key=_sort_key), sorted(other_rows, key=_sort_key), strict=False))
    else:
        by_key = {tuple(r[p] for p in positions): r for r in rows}
        other_by_key = {tuple(r[p] for p in positions): r for r in other_rows}
        if len(by_key) != len(rows) or len(other_by_key) != len(other_rows):
            result.differences.append(f"{table}: key {key} is not unique")
        for missing in sorted(set(by_key) ^ set(other_by_key), key=repr)[:MAX_REPORTED]:
            side = "DuckDB only" if missing in by_key else "Spark only"
            result.differences.append(f"{table}: key {dict(zip(key, missing, strict=True))}: {side}")
        pairs = [(by_key[k], other_by_key[k]) for k in by_key if k in other_by_key]
    for left, right in pairs:
        result.rows += 1
        for name, a, b in zip(columns, left, right, strict=True):
            result.values += 1
            if not values_equal(a, b):
                where = {k: left[columns.index(k)] for k in key} if key else "row"
                result.differences.append(f"{table} {where}: {name}: DuckDB {a!r} vs Spark {b!r}")
    return result


def compare_warehouses(expected: Path, actual: Path, schemas: list[str], keys: dict[str, list[str]],
                       skip: set[str] | None = None) -> Comparison:
    """Compare every table of `schemas` in two warehouses (the set of tables must be the same too)."""
    total = Comparison()
    tables = [t for t in warehouse_tables(expected, schemas) if t not in (skip or set())]
    others = [t for t in warehouse_tables(actual, schemas) if t not in (skip or set())]
    if tables != others:
        total.differences.append(f"tables differ: DuckDB only {sorted(set(tables) - set(others))}, "
                                 f"Spark only {sorted(set(others) - set(tables))}")
    for table in tables:
        if table in others:
            total.add(compare_table(expected, actual, table, keys.get(table)))
    return total
