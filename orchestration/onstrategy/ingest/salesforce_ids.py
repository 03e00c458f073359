"""Salesforce record Ids in one form: 15-character Ids become their 18-character case-safe form.

Reports and some tools export the 15-character, case-sensitive Id; the APIs, Data Loader and Bulk API the
18-character one: the same 15 characters plus a 3-character checksum of their letter case. A landing zone may mix
both, in Ids and in the fields that reference them, so every Id is normalised to 18 characters before anything
compares Ids (the ingest writes the raw tables that way; the strategy's Ids likewise).

The checksum: split the 15 characters into three chunks of five; in each chunk, bit i (i = 0..4, left to right) is
set when character i is an upper-case letter A-Z; the 5-bit number picks a character of
`ABCDEFGHIJKLMNOPQRSTUVWXYZ012345`. Example: `001A0000006Vm9r` -> chunks `001A0` (bit 3: 8, `I`), `00000` (0, `A`),
`6Vm9r` (bit 1: 2, `C`) -> `001A0000006Vm9rIAC`.

Only a 15-character alphanumeric value is changed; an 18-character Id is kept as written (its first 15 characters
and checksum are what the API wrote), and anything else (an empty field, a value of another length) is left for
the quarantine's checks.
"""

from __future__ import annotations

import re

CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
SHORT_ID = re.compile(r"[0-9A-Za-z]{15}")


def case_safe_suffix(id15: str) -> str:
    """The 3-character checksum of a 15-character Id."""
    suffix = ""
    for chunk in range(3):
        bits = sum(1 << i for i, char in enumerate(id15[chunk * 5:chunk * 5 + 5]) if "A" <= char <= "Z")
        suffix += CHECKSUM_ALPHABET[bits]
    return suffix


def to_18(value: str) -> str:
    """The 18-character form of a 15-character Id; any other value unchanged."""
    return value + case_safe_suffix(value) if SHORT_ID.fullmatch(value) else value


def checksum_sql(column: str) -> str:
    """Portable SQL (DuckDB and Spark) for the 3-character checksum of a 15-character text expression."""
    chunks = []
    for chunk in range(3):
        bits = " + ".join(
            f"(case when substr({column}, {chunk * 5 + i + 1}, 1) between 'A' and 'Z' then {1 << i} else 0 end)"
            for i in range(5))
        chunks.append(f"substr('{CHECKSUM_ALPHABET}', 1 + {bits}, 1)")
    return " || ".join(chunks)


def to_18_sql(column: str, is_short_id: str | None = None) -> str:
    """SQL computing `to_18` of a text expression (NULL stays NULL). `is_short_id` is the engine's test that the
    value is 15 letters and digits (DuckDB's by default). The ingest applies it to every Id column while loading,
    so staging, quarantine and every join see one form; the dbt macro `salesforce_id_18` (generated from this) does
    the same where an Id arrives inside another source (a Stripe customer's metadata)."""
    test = is_short_id or f"regexp_full_match({column}, '{SHORT_ID.pattern}')"
    return f"(case when length({column}) = 15 and {test} then {column} || {checksum_sql(column)} else {column} end)"
