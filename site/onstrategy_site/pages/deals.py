"""The deal-level tables the rep and account pages share: won deals with their strategy status, open pipeline."""

from __future__ import annotations

from onstrategy_site.collect import Row, SiteData
from onstrategy_site.formatting import to_float
from onstrategy_site.tables import Column, Table


def strategy_status(deal: Row) -> str:
    """A won deal's place in the strategy, from the share of its amount on strategy."""
    share = to_float(deal.get("on_strategy_share"))
    if share is None:
        return "–"
    if share >= 1:
        return "On strategy"
    if share <= 0:
        return "Off strategy"
    return f"{share * 100:.0f}% on strategy"


def _deal_rows(data: SiteData, deals: list[Row]) -> list[Row]:
    return [{**d, "_status": strategy_status(d), "_reasons": ",".join(d.get("off_strategy_reasons") or []),
             "_lines": ", ".join(d.get("product_lines") or []),
             "_account_href": data.href("account", d.get("account_id")), "_rep_href": data.href("rep", d["rep_id"])}
            for d in deals]


def won_deals_table(data: SiteData, table_id: str, csv_name: str, deals: list[Row], *, with_rep: bool,
                    with_quarter: bool, empty: str) -> Table:
    """Won opportunities with their amount, strategy status and the reasons their lines are off strategy."""
    cols = [Column("opportunity_name", "Opportunity"), Column("amount", "Amount", "money"),
            Column("_status", "Strategy"), Column("_reasons", "Why off strategy", "flags"),
            Column("_lines", "Product lines")]
    if with_quarter:
        cols.insert(1, Column("fiscal_quarter", "Quarter"))
    cols.append(Column("rep_name", "Rep", link="_rep_href") if with_rep
                else Column("account_name", "Account", link="_account_href"))
    cols.append(Column("close_date", "Closed", "date"))
    return Table(table_id, cols, _deal_rows(data, deals), csv_name, empty=empty)


def open_pipeline_table(data: SiteData, table_id: str, csv_name: str, opportunities: list[Row], *, with_rep: bool,
                        empty: str) -> Table:
    """Open opportunities, largest first."""
    rows = [{**o, "_account_href": data.href("account", o.get("account_id")),
             "_rep_href": data.href("rep", o["rep_id"])} for o in opportunities]
    cols = [Column("opportunity_name", "Opportunity"), Column("amount", "Amount", "money"),
            Column("stage_name", "Stage"), Column("probability", "Probability", "prob"),
            Column("close_date", "Close date", "date"), Column("is_icp", "ICP", "bool"),
            Column("is_late_stage", "Late stage", "bool"),
            Column("rep_name", "Rep", link="_rep_href") if with_rep
            else Column("account_name", "Account", link="_account_href")]
    return Table(table_id, cols, rows, csv_name, empty=empty)


def off_strategy_rows(data: SiteData, deals: list[Row]) -> list[Row]:
    return [{**d, "_reasons": ",".join(d.get("off_strategy_reasons") or []),
             "_account_href": data.href("account", d.get("account_id")), "_rep_href": data.href("rep", d["rep_id"]),
             "_team_href": data.href("team", d.get("team"))} for d in deals]


def off_strategy_table(data: SiteData, table_id: str, csv_name: str, deals: list[Row], *, with_rep: bool,
                       empty: str, caption: str = "", symbol: str = "$") -> Table:
    """Won opportunities with a line off strategy (queries/off_strategy_deals.sql): the off-strategy amount, its
    status (justified by an exception, easy for its little effort, or unjustified), why it is off strategy, the
    exception's reason and approver, and the Event minutes the deal took."""
    cols = [Column("opportunity_name", "Opportunity"), Column("off_strategy_amount", "Off-strategy amount", "money"),
            Column("off_strategy_status", "Status", "code"), Column("_reasons", "Why off strategy", "flags"),
            Column("exception_reason", "Exception", "code"), Column("exception_approved_by", "Approved by"),
            Column("effort_minutes", "Effort (min)", "count"),
            Column("minutes_per_1k", f"Min per {symbol}1k", "score100"),
            Column("strategy_credit", "Strategy credit", "money", metric="strategy_credit")]
    if with_rep:
        cols += [Column("rep_name", "Rep", link="_rep_href"), Column("team", "Team", link="_team_href")]
    cols += [Column("account_name", "Account", link="_account_href"), Column("close_date", "Closed", "date")]
    return Table(table_id, cols, off_strategy_rows(data, deals), csv_name, empty=empty, caption=caption)
