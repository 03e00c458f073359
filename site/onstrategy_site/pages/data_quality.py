"""The data-quality page: freshness, row counts, the quarantine and what it holds out, the audit tables."""

from __future__ import annotations

import math

from onstrategy.labels import label
from onstrategy.settings import quarantine_block_share, quarantine_warn_share
from onstrategy_site.collect import Row
from onstrategy_site.formatting import slugify
from onstrategy_site.materiality import cause_text
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, Table

# audit columns that hold codes, shown in words (onstrategy.labels)
CODE_COLUMNS = {"reason", "root_reason", "match_method", "unmatched_reason"}


def _audit_table(name: str, columns: list[str], rows: list[Row]) -> Table:
    """An audit table as it is; a column is numeric when its first value is a number."""
    def kind(column: str) -> str:
        if column in CODE_COLUMNS:
            return "code"
        first = rows[0].get(column) if rows else None
        return "number" if isinstance(first, int | float) and not isinstance(first, bool) else "text"

    return Table(f"audit-{slugify(name)}", [Column(c, c.replace("_", " "), kind(c)) for c in columns],
                 rows, f"audit-{slugify(name)}")


def write_data_quality(site: SiteRenderer) -> None:
    quality = site.data.quality
    fresh = Table("freshness", [Column("mart", "Mart"), Column("date_column", "Date column"),
                                Column("latest", "Latest date", "date"), Column("row_count", "Rows", "count")],
                  quality.freshness, "freshness", search=False)
    counts = Table("row-counts", [Column("table_schema", "Schema"), Column("table_name", "Table"),
                                  Column("row_count", "Rows", "count")], quality.row_counts, "row-counts")
    quarantine = Table("quarantine", [Column("table_name", "Quarantine table"), Column("reason", "Reason", "code"),
                                      Column("records", "Records", "count")], quality.quarantine,
                       "quarantine-by-reason", empty="No quarantined records.")
    impact_rows = [{**r, "cause": cause_text(r, label)} for r in quality.quarantine_impact]
    impact = Table("held-out", [Column("fiscal_quarter", "Quarter"), Column("cause", "What is held out and why"),
                                Column("won_amount", "Won amount", "money"),
                                Column("pipeline_amount", "Open pipeline", "money"),
                                Column("approximate_records", "At a nearby rate", "count"),
                                Column("amount_unknown_records", "Amount unknown", "count")],
                   impact_rows, "quarantine-impact", empty="The quarantine holds out no won or open business.")
    audits = [(name, _audit_table(name, cols, rows)) for name, (cols, rows) in sorted(quality.audit_tables.items())]
    block_share = quarantine_block_share()
    site.write("data-quality.md", "data_quality.md.j2", fresh=fresh, counts=counts, quarantine=quarantine,
               impact=impact, warn_share=quarantine_warn_share(),
               block_share=None if math.isinf(block_share) else block_share,
               audits=audits, has_quarantine=quality.has_quarantine,
               unmatched_count=site.data.billing.unmatched_count)
