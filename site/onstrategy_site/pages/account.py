"""One page per account the site names: its bookings by quarter and product line, won deals and open pipeline."""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from onstrategy_site import charts
from onstrategy_site.charts import Series
from onstrategy_site.collect import Row, by_key
from onstrategy_site.formatting import to_float
from onstrategy_site.pages.common import line_colors, tile
from onstrategy_site.pages.deals import open_pipeline_table, won_deals_table
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, Table, mcol


def write_account_pages(site: SiteRenderer) -> None:
    """The pages of this shard's accounts."""
    data = site.data
    deals = by_key(data.accounts.won_deals, "account_id")
    pipeline = by_key(data.accounts.open_pipeline, "account_id")
    for account in site.mine(data.accounts.accounts):
        key = account["account_id"]
        write_account_page(site, account, data.accounts.quarters.get(key, []), deals.get(key, []),
                           pipeline.get(key, []))


def _quarter_table_rows(quarters: list[Row]) -> tuple[list[Row], list[str]]:
    """One row per quarter (newest first) with the quarter's total and one amount column per product line."""
    by_quarter: dict[str, Row] = {}
    lines: set[str] = set()
    for r in quarters:
        row = by_quarter.setdefault(r["fiscal_quarter"], {"fiscal_quarter": r["fiscal_quarter"],
                                                          "fiscal_quarter_index": r["fiscal_quarter_index"]})
        if r["is_quarter_total"]:
            row.update(bookings_amount=r["amount"], on_strategy_share=r["on_strategy_share"])
        else:
            row[f"_line:{r['product_line']}"] = r["amount"]
            lines.add(str(r["product_line"]))
    rows = sorted(by_quarter.values(), key=lambda r: -r["fiscal_quarter_index"])
    return rows, sorted(lines)


def write_account_page(site: SiteRenderer, account: Row, quarters: list[Row], deals: list[Row],
                       pipeline: list[Row]) -> None:
    data = site.data
    slug = data.slugs["account"][account["account_id"]]
    rows, lines = _quarter_table_rows(quarters)
    colors = line_colors(site)
    amounts: dict[str, dict[str, float | None]] = defaultdict(dict)
    for r in quarters:
        if not r["is_quarter_total"]:
            amounts[str(r["product_line"])][r["fiscal_quarter"]] = to_float(r["amount"])
    axis = data.quarter_axis()
    chart = charts.bar_chart(
        "Bookings by quarter and product line", axis,
        [Series(line, [amounts[line].get(q) for q in axis], color=colors.get(line)) for line in lines],
        partial(site.fmt.money, compact=True), stacked=True) if lines else None
    quarter_table = Table("account-quarters", [
        Column("fiscal_quarter", "Quarter"), mcol("bookings_amount"), mcol("on_strategy_share"),
        *[Column(f"_line:{line}", line, "money") for line in lines]],
        rows, f"account-{slug}-bookings-by-quarter", search=False, empty="No bookings in the data.")
    tiles = [tile(account, "bookings_amount", label="Bookings, last four quarters", compare=False),
             tile(account, "on_strategy_share", label="On strategy, last four quarters", compare=False)]
    site.write(f"accounts/{slug}.md", "account.md.j2", account=account, tiles=tiles, chart=chart,
               quarter_table=quarter_table,
               deals_table=won_deals_table(data, "account-won-deals", f"account-{slug}-won-deals", deals,
                                           with_rep=True, with_quarter=True,
                                           empty="No won deals in the last four quarters."),
               pipeline_table=open_pipeline_table(data, "account-pipeline", f"account-{slug}-open-pipeline",
                                                  pipeline, with_rep=True, empty="No open opportunities."),
               segment_href=data.href("segment", account.get("segment")))
