"""A later activity batch for a demo landing zone: what a daily Task/Event sync delivers after the first export.

`split_activities_into_batches` moves `Task.csv` / `Event.csv` to `Task/0001.csv` / `Event/0001.csv` (the batch
layout an incremental run builds on); `write_activity_batch` adds the next batch file of each, holding a fraction of
the object's records: half updates of existing records (newer SystemModstamp, tasks marked Completed), half new
records (fresh Ids). Deterministic: the same landing zone and seed give the same bytes. `make bench` uses it to time
an incremental run; DuckDB does the sampling, so scale 100 takes seconds.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from onstrategy.ingest.contracts import SALESFORCE_OBJECTS
from onstrategy.ingest.landing import object_files
from onstrategy.sql_text import quote_ident, sql_literal
from onstrategy.warehouse import one_row

ACTIVITY_OBJECTS = ("Task", "Event")
# Id key prefixes of the activity objects (Salesforce: Task 00T, Event 00U).
ID_PREFIX = {"Task": "00T", "Event": "00U"}
BATCH_MODSTAMP = "2026-11-16T06:00:00.000+0000"  # the morning after the demo's as-of date


def split_activities_into_batches(landing: Path) -> None:
    """`salesforce/Task.csv` -> `salesforce/Task/0001.csv` (and Event); already split objects are left alone."""
    for name in ACTIVITY_OBJECTS:
        single = landing / "salesforce" / f"{name}.csv"
        if single.exists():
            folder = landing / "salesforce" / name
            folder.mkdir()
            single.rename(folder / "0001.csv")


def write_activity_batch(landing: Path, fraction: float = 0.01, seed: int = 1) -> dict[str, int]:
    """Write the next batch file of Task and Event; returns the records written per object."""
    written = {}
    for name in ACTIVITY_OBJECTS:
        obj = next(o for o in SALESFORCE_OBJECTS if o.name == name)
        files = object_files(landing, obj)
        batch = landing / "salesforce" / name / f"{len(files) + 1:04d}.csv"
        if files and files[0].parent.name != name:
            raise ValueError(f"{files[0]}: split the activities into batch folders first")
        written[name] = _write_batch(files, batch, name, fraction, seed)
    return written


def _write_batch(files: list[Path], batch: Path, name: str, fraction: float, seed: int) -> int:
    con = duckdb.connect()
    try:
        file_list = "[" + ", ".join(sql_literal(str(p)) for p in files) + "]"
        con.execute(f"create table records as select * from read_csv({file_list}, all_varchar = true, header = true)")
        columns = [row[0] for row in con.execute("describe records").fetchall()]
        per_mille = max(1, round(fraction * 1000))
        status = {"Status": "'Completed'"} if name == "Task" else {}
        updated = {"SystemModstamp": sql_literal(BATCH_MODSTAMP), **status}
        sequence = "lpad(cast(row_number() over (order by Id) as varchar), 12, '0')"
        new_id = f"'{ID_PREFIX[name]}B{batch.stem[-2:]}' || {sequence}"
        added = {"Id": new_id,
                 "SystemModstamp": sql_literal(BATCH_MODSTAMP), "CreatedDate": sql_literal(BATCH_MODSTAMP)}

        def select(overrides: dict[str, str], remainder: int) -> str:
            picked = ", ".join(f"{overrides.get(c, quote_ident(c))} as {quote_ident(c)}" for c in columns)
            return (f"select {picked} from records "
                    f"where hash(Id, {seed}) % 1000 < {per_mille} and hash(Id, {seed + 1}) % 2 = {remainder}")

        con.execute(f"copy ({select(updated, 0)} union all {select(added, 1)} order by 1) to {sql_literal(str(batch))}"
                    f" (header, delimiter ',', quote '\"', force_quote *)")
        return one_row(con, f"select count(*) from read_csv({sql_literal(str(batch))})")[0]
    finally:
        con.close()
