"""Vectorized JSON text: build one compact JSON object per row from Arrow columns, keys in sorted order.

`json.dumps` per row is too slow for the millions of Stripe objects the demo writes at scale 100, so objects are
assembled with Arrow string kernels instead (docs/decisions.md). Each helper returns an Arrow string column of JSON
values.
"""

import json
from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from onstrategy.demo.arrays import int_strings, join

Value: TypeAlias = pa.Array | str


def string(values: pa.Array) -> pa.Array:
    """JSON strings of a string column (NULL -> null); escapes backslash, quote and control characters."""
    escaped = pc.replace_substring(values, "\\", "\\\\")
    escaped = pc.replace_substring(escaped, '"', '\\"')
    escaped = pc.replace_substring_regex(escaped, "[\\x00-\\x1f]", " ")
    quoted = join('"', escaped, '"')
    return pc.fill_null(quoted, "null")


def quoted(values: pa.Array) -> pa.Array:
    """JSON strings of values known to need no escaping (ids, ASCII slugs): just the quotes, much cheaper."""
    return pc.fill_null(join('"', values, '"'), "null")


def literal(value: object) -> str:
    """A constant JSON value."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def integer(values: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    """JSON integers (where `null` is True: null)."""
    text = int_strings(values)
    if null is not None and null.any():
        text = pc.if_else(pa.array(null), "null", text)
    return text


def boolean(values: np.ndarray) -> pa.Array:
    return pc.if_else(pa.array(np.asarray(values, dtype=bool)), "true", "false")


def obj(fields: Sequence[tuple[str, Value]]) -> pa.Array | str:
    """A JSON object per row from (key, JSON-text column or constant) pairs; keys are sorted here."""
    parts: list[Value] = ["{"]
    for i, (key, value) in enumerate(sorted(fields, key=lambda kv: kv[0])):
        parts.append(("," if i else "") + json.dumps(key) + ":")
        parts.append(value)
    parts.append("}")
    # merge adjacent constants so the kernel joins fewer columns
    merged: list[Value] = []
    for part in parts:
        last = merged[-1] if merged else None
        if isinstance(part, str) and isinstance(last, str):
            merged[-1] = last + part
        else:
            merged.append(part)
    constants = [p for p in merged if isinstance(p, str)]
    if len(constants) == len(merged):
        return "".join(constants)
    return join(*merged)
