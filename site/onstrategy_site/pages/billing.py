"""Billing outcomes: billed revenue by ICP status, retention (logo churn, NRR), booked vs billed, customer matching."""

from __future__ import annotations

from functools import partial
from typing import Any

from onstrategy_site import charts
from onstrategy_site.charts import Series
from onstrategy_site.charts.palette import MUTED, shade
from onstrategy_site.collect import Row
from onstrategy_site.formatting import to_float
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, Table

ICP_LABEL = {True: "ICP", False: "Non-ICP"}
ICP_COLOR = {True: shade(0), False: shade(2)}  # parts of a whole that are not product lines: indigo shades


def _retention_charts(site: SiteRenderer) -> tuple[Any, Any]:
    """NRR and logo churn by quarter, ICP vs non-ICP; complete quarters only (an in-progress quarter's churn is not
    known yet)."""
    complete = [r for r in site.data.billing.retention if r.get("is_complete_quarter", True)]
    rq = sorted({(r["fiscal_quarter_index"], r["fiscal_quarter"]) for r in complete})
    if not rq:
        return None, None
    by = {(r["fiscal_quarter"], bool(r["is_icp"])): r for r in complete}

    def icp_lines(title: str, key: str) -> Any:
        return charts.line_chart(
            title, [q for _, q in rq],
            [Series("ICP", [to_float(by.get((q, True), {}).get(key)) for _, q in rq], color=ICP_COLOR[True]),
             Series("Non-ICP", [to_float(by.get((q, False), {}).get(key)) for _, q in rq], color=ICP_COLOR[False])],
            site.fmt.pct, note="Complete quarters only.")

    return (icp_lines("Net revenue retention by quarter: ICP vs non-ICP", "net_revenue_retention"),
            icp_lines("Logo churn rate by quarter: ICP vs non-ICP", "logo_churn_rate"))


def _retention_tables(retention: list[Row], retention_summary: list[Row]) -> tuple[Table, Table]:
    ret_table = Table("retention", [
        Column("fiscal_quarter", "Quarter"), Column("account_class", "Accounts"),
        Column("customers_at_start", "Customers at start", "count"),
        Column("logos_churned", "Logos churned", "count"),
        Column("logo_churn_rate", "Logo churn rate", "share", metric="logo_churn_rate"),
        Column("mrr_at_start", "MRR at start", "money", metric="mrr"),
        Column("mrr_at_end", "MRR at end", "money", metric="mrr"),
        Column("net_revenue_retention", "Net revenue retention", "share", metric="net_revenue_retention")],
        [{**r, "account_class": "ICP" if r["is_icp"] else "Non-ICP",
          "fiscal_quarter": r["fiscal_quarter"] + ("" if r.get("is_complete_quarter", True) else " (in progress)"),
          "_cls": "" if r.get("is_complete_quarter", True) else "os-partial"}
         for r in reversed(retention)],
        "retention-by-icp", search=False, empty="No retention rows.", row_class="_cls")
    summary = Table("retention-summary", [
        Column("account_class", "Accounts"), Column("quarters", "Quarters"),
        Column("customers_at_start", "Customers at quarter start (summed)", "count"),
        Column("logos_churned", "Logos churned", "count"),
        Column("logo_churn_rate", "Logo churn rate per quarter", "share", metric="logo_churn_rate"),
        Column("net_revenue_retention", "Net revenue retention per quarter", "share",
               metric="net_revenue_retention")],
        [{**r, "account_class": ICP_LABEL[bool(r["is_icp"])],
          "quarters": f"{r['first_quarter']} to {r['last_quarter']}"} for r in retention_summary],
        "retention-last-four-quarters", search=False, empty="No complete quarter yet.")
    return ret_table, summary


def write_billing(site: SiteRenderer) -> None:
    data, billing = site.data, site.data.billing
    money = partial(site.fmt.money, compact=True)
    has_data = bool(billing.by_quarter)
    # quarters up to the as-of one: a quarter in progress is billed only in part and would plot as a drop
    by_quarter = [r for r in billing.by_quarter if r["fiscal_quarter_index"] <= data.asof.index]
    billed = charts.bar_chart(
        "Billed revenue by quarter and account class (quarters up to the as-of one)",
        [r["fiscal_quarter"] for r in by_quarter],
        [Series("ICP", [to_float(r["icp_amount"]) for r in by_quarter], color=ICP_COLOR[True]),
         Series("Non-ICP", [to_float(r["non_icp_amount"]) for r in by_quarter], color=ICP_COLOR[False]),
         Series("Unmatched", [to_float(r["unmatched_amount"]) for r in by_quarter], color=MUTED)],
        money, stacked=True) if has_data else None
    nrr, churn = _retention_charts(site)
    ret_table, summary = _retention_tables(billing.retention, billing.retention_summary)
    booked_billed = charts.bar_chart(
        "Booked vs billed, all history: ICP vs non-ICP accounts",
        [ICP_LABEL[bool(r["is_icp"])] for r in billing.booked_billed],
        [Series("Booked", [to_float(r["booked_amount"]) for r in billing.booked_billed], color=shade(0)),
         Series("Billed", [to_float(r["billed_amount"]) for r in billing.booked_billed], color=shade(2))],
        money) if billing.booked_billed else None
    booked_billed_table = Table("booked-billed", [
        Column("account_class", "Accounts"), Column("accounts", "Accounts (count)", "count"),
        Column("booked_amount", "Booked", "money", metric="bookings_amount"),
        Column("billed_amount", "Billed", "money", metric="billed_amount"),
        Column("billed_to_booked_ratio", "Billed per booked", "score1", metric="billed_to_booked_ratio"),
        Column("current_mrr", "MRR now", "money", metric="mrr")],
        [{**r, "account_class": ICP_LABEL[bool(r["is_icp"])]} for r in billing.booked_billed],
        "booked-vs-billed-icp", search=False, empty="No bookings or billing.")
    segment_table = Table("booked-billed-segments", [
        Column("segment", "Segment", link="_href"), Column("is_icp_segment", "ICP segment", "bool"),
        Column("through_quarter", "Through"),
        Column("booked_amount", "Booked", "money", metric="bookings_amount"),
        Column("billed_amount", "Billed", "money", metric="billed_amount"),
        Column("billed_to_booked_ratio", "Billed per booked", "score1", metric="billed_to_booked_ratio")],
        [{**r, "_href": data.href("segment", r["segment"])} for r in billing.booked_billed_segments],
        "booked-vs-billed-by-segment", search=False, empty="No bookings or billing.")
    line_table = Table("billing-by-line", [Column("fiscal_quarter", "Quarter"),
                                           Column("product_line", "Product line", link="_href"),
                                           Column("account_class", "Accounts"),
                                           Column("amount", "Billed", "money", metric="billed_amount"),
                                           Column("invoice_lines", "Invoice lines", "count")],
                       [{**r, "_href": data.href("product", r["product_line"])} for r in reversed(billing.by_line)],
                       "billing-by-product-line")
    match_table = Table("billing-match", [Column("match_method", "Match method", "code"),
                                          Column("customers", "Customers", "count"),
                                          Column("invoice_lines", "Invoice lines", "count"),
                                          Column("amount", "Billed", "money", metric="billed_amount")],
                        billing.match, "billing-match-methods", search=False)
    unmatched = Table("billing-unmatched", [Column("customer_id", "Stripe customer"),
                                            Column("email_domain", "Email domain"),
                                            Column("unmatched_reason", "Why unmatched", "code"),
                                            Column("billed_amount", "Billed", "money", metric="billed_amount"),
                                            Column("invoice_lines", "Invoice lines", "count")],
                      billing.unmatched, "billing-unmatched-customers", empty="Every billing customer is matched.")
    site.write("billing.md", "billing.md.j2", has_data=has_data, billed=billed, nrr=nrr, churn=churn,
               summary=summary, has_summary=bool(billing.retention_summary), booked_billed=booked_billed,
               booked_billed_table=booked_billed_table, segment_table=segment_table,
               ret_table=ret_table, line_table=line_table, match_table=match_table, unmatched=unmatched,
               unmatched_count=billing.unmatched_count)
