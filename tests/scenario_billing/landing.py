"""A tiny landing zone with billing, written by code: Salesforce CSVs (every required object, headers from the input
contract) and Stripe JSON lines shaped as the Stripe API returns them, plus a small strategy file.

Kept separate from tests/scenario/landing.py so the billing scenario owns its data; only what billing needs is here.
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from onstrategy.ingest.contracts import SALESFORCE_OBJECTS
from onstrategy.ingest.salesforce_ids import to_18

MODSTAMP = "2025-01-01T00:00:00.000+0000"


def sfid(prefix: str, key: str) -> str:
    """An 18-character Salesforce Id: key prefix + readable tail padded with zeros to 15, + its checksum."""
    return to_18(prefix + key.upper().rjust(12, "0"))


def unix(day: str, hour: int = 12) -> int:
    """Unix seconds of `day` (YYYY-MM-DD) at `hour` UTC."""
    return int(datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC).timestamp())


def write_salesforce(folder: Path, records: dict[str, list[dict[str, Any]]]) -> None:
    """`salesforce/<Object>.csv` for every required object (header only when no records) and the ones given."""
    out = folder / "salesforce"
    out.mkdir(parents=True, exist_ok=True)
    for obj in SALESFORCE_OBJECTS:
        rows = records.get(obj.name, [])
        if not rows and not obj.required_file:
            continue
        with (out / f"{obj.name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(obj.columns)
            for row in rows:
                unknown = set(row) - set(obj.columns)
                assert not unknown, f"{obj.name}: {unknown} not in the input contract"
                writer.writerow(["" if row.get(c) is None else str(row[c]) for c in obj.columns])


def write_jsonl(path: Path, objects: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(o, separators=(",", ":")) + "\n" for o in objects), encoding="utf-8")


# --- Stripe objects as the API returns them ---------------------------------------------------------------------
def customer(cid: str, email: str | None, metadata: dict[str, str] | None = None, *, livemode: bool = True,
             name: str | None = None) -> dict[str, Any]:
    return {"id": cid, "object": "customer", "created": unix("2024-10-01"), "currency": "usd", "email": email,
            "livemode": livemode, "metadata": metadata or {}, "name": name or f"Customer {cid}"}


def product(pid: str, product_line: str | None) -> dict[str, Any]:
    return {"id": pid, "object": "product", "active": True, "created": unix("2024-01-01"), "livemode": True,
            "metadata": {"product_line": product_line} if product_line else {}, "name": f"Product {pid}"}


def price(price_id: str, product_id: str, currency: str, unit_amount: int, interval: str) -> dict[str, Any]:
    return {"id": price_id, "object": "price", "active": True, "currency": currency, "livemode": True,
            "product": product_id, "recurring": {"interval": interval, "interval_count": 1},
            "type": "recurring", "unit_amount": unit_amount}


def subscription(sid: str, customer_id: str, start: str, items: list[tuple[str, dict[str, Any], int, str | None]], *,
                 status: str = "active", canceled_at: str | None = None, ended_at: str | None = None,
                 livemode: bool = True) -> dict[str, Any]:
    """`items` = [(item id, price object, quantity, created day or None = the subscription's start)]."""
    data = [{"id": iid, "object": "subscription_item", "created": unix(created or start),
             "price": {k: p[k] for k in ("id", "currency", "product", "recurring", "unit_amount")},
             "quantity": qty, "subscription": sid} for iid, p, qty, created in items]
    return {"id": sid, "object": "subscription", "customer": customer_id, "status": status,
            "currency": items[0][1]["currency"], "created": unix(start), "start_date": unix(start),
            "canceled_at": unix(canceled_at) if canceled_at else None,
            "ended_at": unix(ended_at) if ended_at else None, "livemode": livemode,
            "items": {"object": "list", "data": data, "has_more": False, "total_count": len(data)}}


def invoice(iid: str, customer_id: str, currency: str, created: int, lines: list[tuple[str, int, dict[str, Any]]], *,
            status: str = "paid", livemode: bool = True) -> dict[str, Any]:
    """`lines` = [(line id, amount in minor units, price object)]."""
    data = [{"id": lid, "object": "line_item", "amount": amount, "currency": currency, "livemode": livemode,
             "price": {"id": p["id"], "product": p["product"], "unit_amount": p["unit_amount"]}, "quantity": 1}
            for lid, amount, p in lines]
    total = sum(amount for _, amount, _ in lines)
    return {"id": iid, "object": "invoice", "customer": customer_id, "currency": currency, "created": created,
            "status": status, "livemode": livemode, "amount_due": total, "amount_paid": total if status == "paid"
            else 0, "total": total, "lines": {"object": "list", "data": data, "has_more": False,
                                               "total_count": len(data)}}
