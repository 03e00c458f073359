"""The floor of `make bench`: bench/floor.sql, bare DuckDB on the landing files, and its check against the mart.

The floor reads every landing file into a table and computes `marts.fct_strategy_adherence_by_rep`'s bookings and
on-strategy share per rep and fiscal quarter, with no orchestration, quarantine or tests. The strategy reaches it as
Parquet files of the strategy tables, written before the timing starts (the pipeline's strategy asset is tiny).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from onstrategy.ingest.contracts import ALL_OBJECTS
from onstrategy.ingest.landing import object_files
from onstrategy.paths import PROJECT_ROOT
from onstrategy.strategy import load_strategy, strategy_tables

FLOOR_SQL = PROJECT_ROOT / "bench" / "floor.sql"
SEEDS_DIR = PROJECT_ROOT / "seeds"
FLOOR_TABLE = "floor_by_rep"


@dataclass(frozen=True)
class FloorResult:
    seconds: float
    rows_loaded: int
    rep_quarters: int


def write_strategy_parquet(strategy_file: Path, folder: Path) -> Path:
    """The strategy tables as `<folder>/strategy_<name>.parquet` (what the floor reads instead of YAML)."""
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for name, table in strategy_tables(load_strategy(strategy_file)).items():
        pq.write_table(table, folder / f"{name}.parquet")
    return folder


def floor_variables(landing: Path, strategy_dir: Path) -> dict[str, object]:
    """`SET VARIABLE` values for bench/floor.sql: each object's files, the strategy and seeds folders."""
    variables: dict[str, object] = {f"{obj.table}_files": [str(p) for p in object_files(landing, obj)]
                                    for obj in ALL_OBJECTS}
    variables.update(strategy_dir=str(strategy_dir), seeds_dir=str(SEEDS_DIR))
    return variables


def run_floor(landing: Path, strategy_file: Path, database: Path) -> FloorResult:
    """Run bench/floor.sql on a new database file; the Parquet strategy is written before the clock starts."""
    strategy_dir = write_strategy_parquet(strategy_file, database.parent / "floor-strategy")
    database.unlink(missing_ok=True)
    started = time.perf_counter()
    con = duckdb.connect(str(database))
    try:
        for name, value in floor_variables(landing, strategy_dir).items():
            con.execute(f"set variable {name} = ?", [value])
        con.execute(FLOOR_SQL.read_text(encoding="utf-8"))
        seconds = time.perf_counter() - started
        tables = [name for (name,) in con.execute(
            "select table_name from duckdb_tables() where table_name <> ?", [FLOOR_TABLE]).fetchall()]
        rows = sum(con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables)
        rep_quarters = con.execute(f"select count(*) from {FLOOR_TABLE}").fetchone()[0]
    finally:
        con.close()
    return FloorResult(seconds, rows, rep_quarters)


def compare_with_mart(floor_db: Path, warehouse: Path, rel_tol: float = 1e-6) -> list[str]:
    """Differences between the floor's by-rep numbers and the pipeline's mart (empty when they agree): the floor
    must compute the same thing to be a fair floor. Only rep-quarters with bookings are compared."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{floor_db}' as floor_db (read_only)")
        con.execute(f"attach '{warehouse}' as pipeline (read_only)")
        rows = con.execute(f"""
            with mart as (
                select rep_id, fiscal_quarter, bookings_amount, on_strategy_share
                from pipeline.marts.fct_strategy_adherence_by_rep where bookings_amount <> 0
            )
            select coalesce(mart.rep_id, f.rep_id), coalesce(mart.fiscal_quarter, f.fiscal_quarter),
                   mart.bookings_amount, f.bookings_amount, mart.on_strategy_share, f.on_strategy_share
            from mart
            full join floor_db.{FLOOR_TABLE} as f
                on f.rep_id = mart.rep_id and f.fiscal_quarter = mart.fiscal_quarter
            where mart.rep_id is null or f.rep_id is null
               or abs(mart.bookings_amount - f.bookings_amount) > {rel_tol} * greatest(abs(mart.bookings_amount), 1)
               or abs(coalesce(mart.on_strategy_share, -1) - coalesce(f.on_strategy_share, -1)) > {rel_tol}
            order by 1, 2
        """).fetchall()
    finally:
        con.close()
    return [f"{rep} {quarter}: pipeline {pb} / {ps}, floor {fb} / {fs}" for rep, quarter, pb, fb, ps, fs in rows]
