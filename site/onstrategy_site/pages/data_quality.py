"""The data-quality page, for a reader: each source's freshness as a traffic light and what the quarantine holds out
in money up top; then the held-out business, unmatched billing customers and quarantined records by reason; the
audit tables, the marts' latest dates and the row counts folded away, a line each."""

from __future__ import annotations

import math
from typing import Any

from onstrategy.labels import label
from onstrategy.settings import quarantine_block_share, quarantine_warn_share
from onstrategy_site.collect import FRESH_DAYS, STALE_DAYS, QualityData, Row
from onstrategy_site.formatting import Formatter, slugify
from onstrategy_site.materiality import cause_text
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, Table, column_total

# audit columns that hold codes, shown in words (onstrategy.labels)
CODE_COLUMNS = {"reason", "root_reason", "match_method", "unmatched_reason", "source"}
# headers of the audit columns whose name is not a reader's word
HEADERS = {"file_mtime_ns": "file modified (UTC)", "newest_record_at": "newest record (UTC)",
           "built_at": "built (UTC)", "file_bytes": "file size (bytes)"}
STATUS_WORDS = {"green": "up to date", "amber": "behind", "red": "stale", "none": "no records"}
BASIS_WORDS = {"bookings": "no ingest ledger in this warehouse: the latest booking's close date",
               "billing": "no ingest ledger in this warehouse: the latest invoice date"}
# what each audit table holds, the line of its folded section (before any count it adds)
AUDIT_LINES = {
    "ingested_files": "the source files loaded: size, modification time and newest record of each",
    "load_reconciliation": "each file's records read, loaded, quarantined, superseded or deleted",
    "last_build": "the last build of this warehouse",
    "pending_changes": "source changes the next run builds",
    "quarantine_impact": "the won and open business the quarantine holds out, summed up above",
    "onstrategy_warehouse": "marks the file as a warehouse onstrategy built",
}


def _header(column: str) -> str:
    return HEADERS.get(column, column.replace("_", " "))


def _audit_table(name: str, columns: list[str], rows: list[Row]) -> Table:
    """An audit table as it is (times already as text, see queries/audit_table.sql); a column is numeric when its
    first value is a number."""
    def kind(column: str) -> str:
        if column in CODE_COLUMNS:
            return "code"
        first = rows[0].get(column) if rows else None
        return "number" if isinstance(first, int | float) and not isinstance(first, bool) else "text"

    return Table(f"audit-{slugify(name)}", [Column(c, _header(c), kind(c)) for c in columns],
                 rows, f"audit-{slugify(name)}")


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def _audit_line(name: str, rows: list[Row], count: int, quality: QualityData) -> str:
    """The one line of an audit table's folded section: what it holds and, where it tells something, its gist."""
    what = AUDIT_LINES.get(name)
    if name == "load_reconciliation" and quality.reconciliation:
        rec = quality.reconciliation
        gist = f"{_count(rec['files'], 'file')}, {_count(rec['rows_read'], 'record')} read"
        if rec["rows_unaccounted"] is not None:
            lost = rec["rows_unaccounted"]
            gist += ", every one accounted for" if lost == 0 else f", {_count(lost, 'record')} not accounted for"
        return f"{gist} ({what})"
    if name == "last_build" and rows and rows[0].get("built_at"):
        plan = f": {rows[0]['plan']}" if rows[0].get("plan") else ""
        return f"built {rows[0]['built_at']} UTC{plan}"
    if name == "pending_changes":
        return "no source change waiting for the next run" if count == 0 else \
            f"{_count(count, 'source change')} waiting for the next run"
    if name == "ingested_files":
        return f"{_count(count, 'file')}: {what}"
    return f"{what} ({_count(count, 'row')})" if what else _count(count, "row")


def _days(n: int) -> str:
    return "the same day as" if n == 0 else f"{_count(n, 'day')} before"


def source_lines(sources: list[Row]) -> list[dict[str, Any]]:
    """Each source's traffic light and the words of its sentence (the template keeps each date on one line):
    `Salesforce CRM: stale, newest record 2026-11-16, 21 days before the as-of date 2026-12-07`."""
    return [{"source": s["source"], "status": s["status"], "name": label(s["source"]),
             "word": STATUS_WORDS[s["status"]], "newest": s["newest_date"], "days": _days(s["days_behind"] or 0),
             "as_of": s["as_of_date"], "basis": BASIS_WORDS.get(s["basis"])} for s in sources]


def held_out_total(impact: list[Row], fmt: Formatter) -> str:
    """What the quarantine holds out in all, in money: each held-out record is in one row of the impact table, so
    its amounts add up."""
    won, pipeline = column_total(impact, "won_amount") or 0.0, column_total(impact, "pipeline_amount") or 0.0
    if not won and not pipeline:
        return "The quarantine holds out no won or open business."
    records = int(column_total(impact, "records") or 0)
    open_text = f"{fmt.money(pipeline, compact=True)} of open pipeline" if pipeline else "no open pipeline"
    return (f"In all, the quarantine holds out {fmt.money(won, compact=True)} of won business and {open_text} "
            f"({_count(records, 'quarantined opportunity or line item', 'quarantined opportunities and line items')}"
            f", all quarters).")


def write_data_quality(site: SiteRenderer) -> None:
    quality = site.data.quality
    fresh = Table("freshness", [Column("mart", "Mart"), Column("date_column", "Date column"),
                                Column("latest", "Latest date", "date"), Column("row_count", "Rows", "count")],
                  quality.freshness, "freshness", search=False)
    counts = Table("row-counts", [Column("table_schema", "Schema"), Column("table_name", "Table"),
                                  Column("row_count", "Rows", "count")], quality.row_counts, "row-counts")
    # the quarantine table's name in words too ("opportunity_line_item" -> "Opportunity line item")
    quarantine = Table("quarantine", [Column("table_name", "Records of", "code"), Column("reason", "Reason", "code"),
                                      Column("records", "Records", "count")], quality.quarantine,
                       "quarantine-by-reason", empty="No quarantined records.",
                       totals={"records": column_total(quality.quarantine, "records")})
    impact_rows = [{**r, "cause": cause_text(r, label)} for r in quality.quarantine_impact]
    impact_cols = [Column("fiscal_quarter", "Quarter"), Column("cause", "What is held out and why"),
                   Column("won_amount", "Won amount", "money"), Column("pipeline_amount", "Open pipeline", "money"),
                   Column("approximate_records", "At a nearby rate", "count"),
                   Column("amount_unknown_records", "Amount unknown", "count")]
    impact = Table("held-out", impact_cols, impact_rows, "quarantine-impact",
                   empty="The quarantine holds out no won or open business.",
                   totals={c.key: column_total(impact_rows, c.key) for c in impact_cols[2:]})
    row_count = {r["table_name"]: r["row_count"] for r in quality.row_counts if r["table_schema"] == "audit"}
    audits = [{"name": name, "table": _audit_table(name, cols, rows),
               "line": _audit_line(name, rows, row_count.get(name, len(rows)), quality)}
              for name, (cols, rows) in sorted(quality.audit_tables.items())]
    block_share = quarantine_block_share()
    as_of_date = next((s["as_of_date"] for s in quality.sources), None)
    site.write("data-quality.md", "data_quality.md.j2", sources=source_lines(quality.sources),
               fresh_days=FRESH_DAYS, stale_days=STALE_DAYS, as_of_date=as_of_date,
               held_out_total=held_out_total(quality.quarantine_impact, site.fmt),
               fresh=fresh, counts=counts, quarantine=quarantine,
               impact=impact, warn_share=quarantine_warn_share(),
               block_share=None if math.isinf(block_share) else block_share,
               audits=audits, has_quarantine=quality.has_quarantine,
               unmatched_count=site.data.billing.unmatched_count)
