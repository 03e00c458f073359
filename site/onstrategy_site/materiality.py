"""Sentences that say what the quarantine holds out of the numbers (SPEC "Materiality of the quarantine").

One home for the wording: the run's last lines, the overview's banner and the data-quality page all use it, e.g.
"$3.25M of FY2027-Q1 won business is not counted: 2 opportunities, missing_fx_rate, caused by 3 quarantined
DatedConversionRate rows".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

RECENT_QUARTERS = 4  # the quarters the blocking check and the run's lines look at
CAUSES_PER_LINE = 3

_RECORD_NOUNS = {"Opportunity": ("opportunity", "opportunities"),
                 "OpportunityLineItem": ("opportunity line item", "opportunity line items")}


def _records(count: int, object_name: str) -> str:
    one, many = _RECORD_NOUNS.get(object_name, (f"{object_name} record", f"{object_name} records"))
    return f"{count:,} {one if count == 1 else many}"


def _as_is(code: str) -> str:
    return code


def cause_text(row: Mapping[str, Any], reason: Callable[[str], str] = _as_is) -> str:
    """`2 opportunities, missing_fx_rate, caused by 3 quarantined DatedConversionRate rows`; `reason` words the
    reason codes (the site: onstrategy.labels; the run's lines keep the codes, which engineers grep for)."""
    text = f"{_records(row['records'], row['object'])}, {reason(row['reason'])}"
    if row["root_object"] != row["object"]:
        count = row["root_records"]
        text += f", caused by {count:,} quarantined {row['root_object']} row{'' if count == 1 else 's'}"
        if row["root_reason"]:
            text += f" ({reason(row['root_reason'])})"
    return text


def held_out_sentences(rows: Iterable[Mapping[str, Any]], money: Callable[[float], str],
                       reason: Callable[[str], str] = _as_is) -> list[str]:
    """One sentence per recent quarter (the last RECENT_QUARTERS up to the latest with bookings or held-out business,
    as in the blocking check) whose won business the quarantine holds out, largest first; `rows` are
    audit.quarantine_impact rows, `money` formats an amount, `reason` words a reason code."""
    rows = [r for r in rows if r["fiscal_quarter"] is not None]
    if not rows:
        return []
    latest = max(max(r["fiscal_quarter_index"], r.get("latest_bookings_quarter_index") or 0) for r in rows)
    by_quarter: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["fiscal_quarter_index"] > latest - RECENT_QUARTERS and row["won_amount"] > 0:
            by_quarter[row["fiscal_quarter"]].append(row)
    sentences = []
    for quarter, causes in sorted(by_quarter.items(), key=lambda item: -sum(r["won_amount"] for r in item[1])):
        causes.sort(key=lambda r: -r["won_amount"])
        total = sum(r["won_amount"] for r in causes)
        text = "; ".join(cause_text(r, reason) for r in causes[:CAUSES_PER_LINE])
        if len(causes) > CAUSES_PER_LINE:
            text += f"; and {len(causes) - CAUSES_PER_LINE} more cause{'s' if len(causes) > 4 else ''}"
        approximate = sum(r["approximate_records"] for r in causes)
        unknown = sum(r["amount_unknown_records"] for r in causes)
        notes = ([f"{approximate:,} converted at the rate nearest their date"] if approximate else []) + \
            ([f"{unknown:,} of unknown amount"] if unknown else [])
        note = f" ({'; '.join(notes)})" if notes else ""
        bookings = causes[0].get("bookings_amount")
        share = f", {total / bookings:.1%} of the quarter's bookings" if bookings else ""
        sentences.append(f"{money(total)} of {quarter} won business is not counted{share}{note}: {text}")
    return sentences
