"""The strategy page: every version of strategy.yml, newest first, the one in force for the as-of quarter marked."""

from __future__ import annotations

from onstrategy_site.charts.palette import MUTED
from onstrategy_site.pages.common import line_colors
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, Table


def exceptions_table(site: SiteRenderer) -> Table:
    """strategy.yml's exceptions, in their order: what each names (linked), why, who approved it and when, until
    when, the won business it justified; one that expired by the as-of date is marked (and greyed)."""
    data = site.data
    rows = []
    for e in data.credit.exceptions:
        expired = e.get("expires_on") is not None and e["expires_on"] <= data.asof.as_of_date
        opportunity = e.get("opportunity_id")
        rows.append({**e, "_what": "Opportunity" if opportunity else "Account",
                     "_name": (e.get("opportunity_name") or opportunity) if opportunity
                     else (e.get("account_name") or e.get("account_id")),
                     "_account": e.get("account_name") if opportunity else None,
                     "_account_href": data.href("account", e.get("account_id")),
                     "_name_href": None if opportunity else data.href("account", e.get("account_id")),
                     "_state": "expired" if expired else "in force", "_cls": "os-partial" if expired else None})
    return Table("strategy-exceptions", [
        Column("_name", "Opportunity or account", link="_name_href"), Column("_what", "Names"),
        Column("reason", "Reason", "code"), Column("_state", "Status"), Column("approved_by", "Approved by"),
        Column("approved_on", "Approved on", "date"), Column("expires_on", "Expires on", "date"),
        Column("justified_amount", "Bookings justified", "money"),
        Column("_account", "Account", link="_account_href"), Column("note", "Note")],
        rows, "strategy-exceptions", search=len(rows) > 8, row_class="_cls",
        empty="No exceptions: every off-strategy deal is judged on its effort alone.")


def write_strategy(site: SiteRenderer) -> None:
    strategy, data = site.strategy, site.data
    current = data.asof.version
    versions = [(strategy.version_id(v), v) for v in reversed(strategy.versions)]
    site.write("strategy.md", "strategy.md.j2", versions=versions, strategy_file=site.strategy_file,
               current_id=strategy.version_id(current) if current else None,
               product_href={p.name: data.href("product", p.name) for _, v in versions for p in v.product_lines},
               segment_href={s.name: data.href("segment", s.name) for _, v in versions for s in v.segments},
               persona_href={n: data.href("persona", n) for _, v in versions for n in v.target_personas},
               line_color=line_colors(site), muted=MUTED, exceptions=exceptions_table(site),
               as_of_date=data.asof.as_of_date)
