"""Fast, vectorized builders of Arrow string columns.

The big demo tables (millions of rows at scale 100) cannot afford a Python call per value. Fixed-width strings
(Salesforce Ids, ISO datetimes, digit runs) are assembled as a `(rows, width)` byte matrix in numpy and handed to
Arrow without copying; variable-width strings are built with Arrow compute kernels (`take` from a small vocabulary,
element-wise joins).
"""

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from onstrategy.ingest.salesforce_ids import CHECKSUM_ALPHABET

_THREE_DIGITS = np.array([f"{i:03d}".encode() for i in range(1000)], dtype="S3").view("V3")
_DIGIT = np.frombuffer(b"0123456789", dtype=np.uint8)
BASE62 = np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", dtype=np.uint8)

FixedPart = bytes | np.ndarray


def fixed_concat(parts: Sequence[FixedPart], rows: int | None = None) -> pa.StringArray:
    """Concatenate fixed-width parts row by row into one Arrow string array.

    Each part is a `bytes` constant (the same in every row), a `uint8` matrix of shape `(rows, width)` or a numpy
    array of a fixed-size dtype (`V3`, `S10`, ...). Every row has the same total width, so the offsets are an
    arithmetic sequence and the byte matrix is the value buffer as is.
    """
    if rows is None:
        rows = next(len(p) for p in parts if isinstance(p, np.ndarray))
    mats: list[tuple[int, FixedPart]] = []
    total = 0
    for part in parts:
        if isinstance(part, bytes):
            width = len(part)
        elif part.dtype == np.uint8 and part.ndim == 2:
            width = part.shape[1]
        else:
            width = part.dtype.itemsize
        mats.append((width, part))
        total += width
    out = np.empty((rows, total), dtype=np.uint8)
    pos = 0
    for width, part in mats:
        if isinstance(part, bytes):
            out[:, pos:pos + width] = np.frombuffer(part, dtype=np.uint8)
        elif part.dtype == np.uint8 and part.ndim == 2:
            out[:, pos:pos + width] = part
        else:
            out[:, pos:pos + width] = np.ascontiguousarray(part).view(np.uint8).reshape(rows, width)
        pos += width
    offset_type = np.int32 if rows * total < 2**31 - 1 else np.int64
    arrow_type = pa.string() if offset_type is np.int32 else pa.large_string()
    offsets = np.arange(0, (rows + 1) * total, total, dtype=offset_type)
    return pa.Array.from_buffers(arrow_type, rows, [None, pa.py_buffer(offsets), pa.py_buffer(out)])


def digits(values: np.ndarray, width: int) -> np.ndarray:
    """Zero-padded decimal digits of non-negative integers as a `(rows, width)` uint8 matrix."""
    values = np.asarray(values, dtype=np.int64)
    rows = len(values)
    out = np.full((rows, width), ord("0"), dtype=np.uint8)
    if rows == 0:
        return out
    top = int(values.max())
    work = values.astype(np.int32) if top < 2**31 else values.copy()
    end = width
    while end > 0 and top > 0:
        if end >= 3:
            work, rest = np.divmod(work, 1000)
            out[:, end - 3:end] = _THREE_DIGITS[rest].view(np.uint8).reshape(rows, 3)
            end -= 3
            top //= 1000
        else:
            work, rest = np.divmod(work, 10)
            out[:, end - 1] = _DIGIT[rest]
            end -= 1
            top //= 10
    return out


SF_ID_BODY = 12  # a 15-character Id: the 3-character key prefix and 12 base-62 characters
_CHECKSUM = np.frombuffer(CHECKSUM_ALPHABET.encode(), dtype=np.uint8)


def sf_ids(prefix: str, numbers: np.ndarray) -> pa.StringArray:
    """18-character Salesforce Ids as the API writes them: the key prefix, the number in base 62 (`0-9A-Za-z`, as
    Salesforce's own Ids are) zero-padded to 15 characters, then the case-safe checksum of those 15
    (onstrategy.ingest.salesforce_ids). Distinct numbers give Ids distinct in their first 15 characters."""
    numbers = np.asarray(numbers, dtype=np.int64)
    rows = len(numbers)
    body = np.full((rows, SF_ID_BODY), ord("0"), dtype=np.uint8)
    work = numbers.copy()
    for position in range(SF_ID_BODY - 1, -1, -1):
        work, rest = np.divmod(work, 62)
        body[:, position] = BASE62[rest]
    short = np.hstack([np.tile(np.frombuffer(prefix.encode(), dtype=np.uint8), (rows, 1)), body])
    return fixed_concat([short, case_safe_checksums(short)], rows=rows)


def case_safe_checksums(short_ids: np.ndarray) -> np.ndarray:
    """The 3-character checksum of each row of a (rows, 15) byte matrix of 15-character Ids."""
    upper = (short_ids >= ord("A")) & (short_ids <= ord("Z"))
    weights = 1 << np.arange(5)
    bits = upper.reshape(len(short_ids), 3, 5).astype(np.int64) @ weights
    return _CHECKSUM[bits]


def base62_ids(prefix: str, numbers: np.ndarray, rng: np.random.Generator, width: int = 14) -> pa.StringArray:
    """Stripe-style ids (`cus_NffrFeUfNV2Hib`): 5 base-62 characters that encode the number (scrambled by a
    multiplication that is a bijection modulo 62**5, so ids stay unique without looking sequential), then random
    ones."""
    numbers = np.asarray(numbers, dtype=np.int64)
    if len(numbers) and int(numbers.max()) >= _BASE62_SPACE:
        raise ValueError("too many ids for 5 base-62 characters")
    rows = len(numbers)
    body = np.empty((rows, width), dtype=np.uint8)
    work = (numbers * _SCRAMBLE + 12_345_678) % _BASE62_SPACE
    for j in range(4, -1, -1):
        work, rest = np.divmod(work, 62)
        body[:, j] = BASE62[rest]
    body[:, 5:] = BASE62[rng.integers(0, 62, size=(rows, width - 5))]
    return fixed_concat([prefix.encode(), body], rows=rows)


_BASE62_SPACE = 62**5
_SCRAMBLE = 387_420_489  # 3**18: coprime with 62 = 2 * 31, so x -> x * 3**18 mod 62**5 is a bijection


def _day_table(first_day: int, last_day: int) -> np.ndarray:
    """`YYYY-MM-DD` for every day number (days since 1970-01-01) in [first_day, last_day], as a uint8 matrix."""
    days = np.arange(first_day, last_day + 1).astype("datetime64[D]")
    text = np.datetime_as_string(days, unit="D").astype("S10")
    return text.view(np.uint8).reshape(len(days), 10)


_SECONDS_OF_DAY: np.ndarray | None = None


def _time_table() -> np.ndarray:
    """`HH:MM:SS` for every second of a day, as an (86400, 8) uint8 matrix (built once)."""
    global _SECONDS_OF_DAY
    if _SECONDS_OF_DAY is None:
        sec = np.arange(86400)
        hh, mm, ss = digits(sec // 3600, 2), digits(sec // 60 % 60, 2), digits(sec % 60, 2)
        colon = np.full((86400, 1), ord(":"), dtype=np.uint8)
        _SECONDS_OF_DAY = np.hstack([hh, colon, mm, colon, ss])
    return _SECONDS_OF_DAY


def datetime_strings(seconds: np.ndarray) -> pa.StringArray:
    """Salesforce export datetimes (`2026-03-01T09:30:00.000+0000`) from Unix seconds (UTC)."""
    seconds = np.asarray(seconds, dtype=np.int64)
    if len(seconds) == 0:
        return pa.array([], type=pa.string())
    day = seconds // 86400
    first = int(day.min())
    table = _day_table(first, int(day.max()))
    return fixed_concat([table[day - first], b"T", _time_table()[seconds - day * 86400], b".000+0000"],
                        rows=len(seconds))


def dates(days: np.ndarray) -> pa.Array:
    """An Arrow date32 column (written as `YYYY-MM-DD`) from day numbers since 1970-01-01."""
    return pa.array(np.asarray(days, dtype=np.int64).astype("datetime64[D]"))


def money(cents: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """A decimal(18,2) column from integer cents (written as `1234.50`); `mask` True = NULL."""
    cents = np.asarray(cents, dtype=np.int64)
    words = np.empty((len(cents), 2), dtype=np.int64)
    words[:, 0] = cents
    words[:, 1] = np.where(cents < 0, -1, 0)
    validity = None
    if mask is not None and mask.any():
        validity = pa.array(~mask).buffers()[1]
    return pa.Array.from_buffers(pa.decimal128(18, 2), len(cents), [validity, pa.py_buffer(words)])


def vocab(values: Sequence[str | None], index: np.ndarray) -> pa.Array:
    """`values[index]` as an Arrow string column (None stays NULL)."""
    return pc.take(pa.array(list(values), type=pa.string()), pa.array(np.asarray(index, dtype=np.int64)))


def join(*parts: pa.Array | str) -> pa.Array:
    """Row-wise concatenation of string columns and constants (NULL if any part is NULL)."""
    return pc.binary_join_element_wise(*parts, "")


def with_nulls(column: pa.Array, mask: np.ndarray) -> pa.Array:
    """The column with NULL where `mask` is True."""
    if not mask.any():
        return column
    return pc.if_else(pa.array(mask), pa.scalar(None, type=column.type), column)


def int_strings(values: np.ndarray) -> pa.Array:
    """Decimal text of integers (for JSON building)."""
    return pc.cast(pa.array(np.asarray(values, dtype=np.int64)), pa.string())


def grouped_join(items: pa.Array, counts: np.ndarray, separator: str = ",") -> pa.Array:
    """Join consecutive runs of `items` (run lengths `counts`, in order) into one string per run."""
    offsets = np.concatenate([[0], np.cumsum(counts, dtype=np.int64)]).astype(np.int32)
    lists = pa.ListArray.from_arrays(pa.array(offsets), items)
    return pc.binary_join(lists, separator)
