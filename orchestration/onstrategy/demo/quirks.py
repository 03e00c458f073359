"""Realistic dirt for a demo landing zone (`onstrategy demo --quirks RATE`), so the quarantine, the load
reconciliation and the site's data-quality page have something to show.

Applied to the files the generator wrote, vectorized (Arrow + numpy, no per-row Python), deterministic for a given
seed. `RATE` is the share of records of each touched object that get a quirk, spread over these kinds:

- Opportunity: an impossible CloseDate (`2026-02-30`), an unknown currency (`XYZ`), and a few Ids repeated in the
  same file with a different Amount (a conflicting duplicate);
- a second Opportunity batch (`Opportunity/0002.csv`, the first file moves to `Opportunity/0001.csv`) with newer
  versions of some deals (Amount changed) and deletions (`IsDeleted = true`);
- OpportunityLineItem: an OpportunityId that is not in the export (orphan) and negative quantities;
- Task: an ActivityDate that is not a date;
- Stripe invoices (when the landing zone has billing): a line cut off mid-object (not JSON), an invoice of a
  customer that is not in the export, and an invoice whose `lines.data` was written as a JSON string holding the
  array (an export that encoded the nested list twice).
"""

import csv
import json
import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from onstrategy.demo.exception_stories import LONG_TERM_OPPORTUNITY_ID
from onstrategy.demo.writers import write_csv

UPDATE_MODSTAMP = "2026-11-16T06:00:00.000+0000"  # after every record of the clean demo (as-of 2026-11-15)
QUIRK_KINDS = ("bad_close_date", "unknown_currency", "conflicting_duplicate", "updated", "deleted",
               "orphan_line_item", "negative_quantity", "bad_activity_date", "broken_invoice_line", "orphan_invoice",
               "double_encoded_invoice_lines")


def _read_strings(path: Path) -> pa.Table:
    """A landing CSV with every column as text (empty fields as NULL), in file order."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        names = next(csv.reader(handle))
    return pacsv.read_csv(path, parse_options=pacsv.ParseOptions(newlines_in_values=True),
                          convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                               strings_can_be_null=True))


def _pick(rng: np.random.Generator, rows: int, share: float) -> np.ndarray:
    return rng.random(rows) < share


def _set(table: pa.Table, column: str, mask: np.ndarray, value: str | pa.Array) -> pa.Table:
    values = pc.if_else(pa.array(mask), value, table[column])
    return table.set_column(table.schema.get_field_index(column), column, values)


def apply_quirks(landing: Path, rate: float, seed: int) -> dict[str, int]:
    """Dirty the landing zone written at `landing`; returns how many records got each kind of quirk."""
    if not 0 <= rate < 0.5:
        raise ValueError(f"quirks rate {rate} must be at least 0 and below 0.5")
    counts = dict.fromkeys(QUIRK_KINDS, 0)
    if rate == 0:
        return counts
    rng = np.random.default_rng([seed, 7_771])
    salesforce = landing / "salesforce"

    opportunities = _read_strings(salesforce / "Opportunity.csv")
    rows = opportunities.num_rows
    # the opportunity an exception of the demo strategy names stays clean: the strategy must find it, not deleted
    story = np.isin(opportunities["Id"].to_numpy(zero_copy_only=False), [LONG_TERM_OPPORTUNITY_ID])
    bad_date, unknown_currency = _pick(rng, rows, rate * 0.3) & ~story, _pick(rng, rows, rate * 0.2) & ~story
    unknown_currency &= ~bad_date
    opportunities = _set(opportunities, "CloseDate", bad_date, "2026-02-30")
    opportunities = _set(opportunities, "CurrencyIsoCode", unknown_currency, "XYZ")
    counts["bad_close_date"], counts["unknown_currency"] = int(bad_date.sum()), int(unknown_currency.sum())

    duplicated = _pick(rng, rows, rate * 0.1) & ~bad_date & ~unknown_currency & ~story
    copies = opportunities.filter(pa.array(duplicated))
    copies = _set(copies, "Amount", np.ones(copies.num_rows, dtype=bool), pc.binary_join_element_wise(
        pc.coalesce(copies["Amount"], "0"), "1", ""))  # "1200" -> "12001": same Id, same file, other content
    counts["conflicting_duplicate"] = copies.num_rows * 2

    clean = ~bad_date & ~unknown_currency & ~duplicated
    updated, deleted = _pick(rng, rows, rate) & clean, _pick(rng, rows, rate * 0.3) & clean
    deleted &= ~updated
    raised = opportunities.filter(pa.array(updated))
    raised_amounts = pc.cast(pc.round(pc.multiply(pc.cast(raised["Amount"], pa.float64()), 1.25), 2), pa.string())
    second_batch = pa.concat_tables([
        _set(raised, "Amount", np.ones(raised.num_rows, dtype=bool), raised_amounts),  # the update shows in the marts
        _set(opportunities.filter(pa.array(deleted)), "IsDeleted", np.ones(int(deleted.sum()), dtype=bool), "true"),
    ])
    second_batch = _set(second_batch, "SystemModstamp", np.ones(second_batch.num_rows, dtype=bool), UPDATE_MODSTAMP)
    counts["updated"], counts["deleted"] = int(updated.sum()), int(deleted.sum())
    (salesforce / "Opportunity.csv").unlink()
    write_csv(salesforce / "Opportunity" / "0001.csv", pa.concat_tables([opportunities, copies]))
    write_csv(salesforce / "Opportunity" / "0002.csv", second_batch)

    lines = _read_strings(salesforce / "OpportunityLineItem.csv")
    orphan, negative = _pick(rng, lines.num_rows, rate * 0.2), _pick(rng, lines.num_rows, rate * 0.2)
    negative &= ~orphan
    lines = _set(lines, "OpportunityId", orphan, "006000000000MISSING")
    lines = _set(lines, "Quantity", negative, pc.binary_join_element_wise("-", lines["Quantity"], ""))
    counts["orphan_line_item"], counts["negative_quantity"] = int(orphan.sum()), int(negative.sum())
    write_csv(salesforce / "OpportunityLineItem.csv", lines)

    tasks = _read_strings(salesforce / "Task.csv")
    bad_activity = _pick(rng, tasks.num_rows, rate * 0.1)
    write_csv(salesforce / "Task.csv", _set(tasks, "ActivityDate", bad_activity, "last Tuesday"))
    counts["bad_activity_date"] = int(bad_activity.sum())

    invoices = landing / "stripe" / "invoices.jsonl"
    if invoices.exists():
        (counts["broken_invoice_line"], counts["orphan_invoice"],
         counts["double_encoded_invoice_lines"]) = _dirty_invoices(invoices, rng, rate)
    return counts


def _dirty_invoices(path: Path, rng: np.random.Generator, rate: float) -> tuple[int, int, int]:
    """Cut some invoice lines off mid-object, point others at a customer the export does not hold, and write the
    `lines.data` of a few more as a JSON string instead of an array."""
    lines = path.read_text(encoding="utf-8").splitlines()
    broken, orphan = _pick(rng, len(lines), rate * 0.2), _pick(rng, len(lines), rate * 0.2)
    double_encoded = _pick(rng, len(lines), rate * 0.1)
    orphan &= ~broken
    double_encoded &= ~broken & ~orphan
    for index in np.flatnonzero(broken):
        lines[index] = lines[index][: len(lines[index]) // 2]  # a truncated export: not JSON any more
    for index in np.flatnonzero(orphan):
        lines[index] = re.sub(r'"customer":"[^"]*"', '"customer":"cus_MISSING000000"', lines[index], count=1)
    for index in np.flatnonzero(double_encoded):
        invoice = json.loads(lines[index])
        invoice["lines"]["data"] = json.dumps(invoice["lines"]["data"], separators=(",", ":"))
        lines[index] = json.dumps(invoice, separators=(",", ":"))
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return int(broken.sum()), int(orphan.sum()), int(double_encoded.sum())
