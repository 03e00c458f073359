"""Writing landing-zone files: Bulk-API-style CSV and JSON lines, byte for byte deterministic."""

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

# pyarrow's "needed" quoting quotes every string value (RFC 4180; doubled inner quotes) and leaves numbers,
# booleans (`true`/`false`), dates and NULLs (empty field) bare.
_CSV_OPTIONS = pacsv.WriteOptions(include_header=True, quoting_style="needed", delimiter=",")


def write_csv(path: Path, table: pa.Table) -> int:
    """Write one table as a CSV file; returns the number of rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pacsv.write_csv(table, path, write_options=_CSV_OPTIONS)
    return table.num_rows


def write_csv_batches(path: Path, batches: Iterable[pa.Table]) -> int:
    """Write tables with the same columns one after the other into one CSV file (one header)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    writer: pacsv.CSVWriter | None = None
    try:
        for table in batches:
            if writer is None:
                writer = pacsv.CSVWriter(path, table.schema, write_options=_CSV_OPTIONS)
            writer.write_table(table)
            rows += table.num_rows
    finally:
        if writer is not None:
            writer.close()
    return rows


def write_lines(handle: BinaryIO, lines: pa.Array) -> int:
    """Append JSON lines (strings without their newline) to an open binary file; returns the number of lines."""
    n = len(lines)
    if n == 0:
        return 0
    if lines.null_count:
        raise ValueError("a JSON line is NULL")
    with_newline = pc.binary_join_element_wise(lines, "\n", "")
    offsets = np.frombuffer(with_newline.buffers()[1], dtype=np.int32 if with_newline.type == pa.string() else
                            np.int64)[with_newline.offset:with_newline.offset + n + 1]
    data = with_newline.buffers()[2]
    handle.write(memoryview(data)[int(offsets[0]):int(offsets[-1])])
    return n


def write_jsonl(path: Path, chunks: Iterable[pa.Array]) -> int:
    """Write JSON lines from chunks of line strings; returns the number of lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    with path.open("wb") as handle:
        for lines in chunks:
            rows += write_lines(handle, lines)
    return rows
