"""The reps index and one page per rep: tiles against the company, trends, product mix, accounts, history."""

from __future__ import annotations

from onstrategy_site import charts
from onstrategy_site.charts import Bar, Series, share_label
from onstrategy_site.charts.palette import MUTED, REFERENCE, THIS, shade
from onstrategy_site.collect import Row, by_key
from onstrategy_site.formatting import to_float
from onstrategy_site.metrics import GROWTH_MOTIONS, OFF_STRATEGY_SHARES
from onstrategy_site.pages.coaching import points_blocks
from onstrategy_site.pages.common import (
    REP_FIELDS,
    first_year_note,
    kpi_tiles,
    line_colors,
    objective_targets,
    quarter_blocks,
    rep_fields,
    tile,
    up,
    version_markers,
    within_period_budget,
    year_tiles,
)
from onstrategy_site.pages.credit import credit_tile
from onstrategy_site.pages.deals import open_pipeline_table, won_deals_table
from onstrategy_site.pages.off_strategy import has_statuses, off_strategy_blocks, unjustified_threshold
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, CreditTile, Table, Tile, mcol, row_totals

REP_TILES = ["bookings_amount", "on_strategy_share", "adherence_score", "strategic_product_share", "new_logo_share",
             "product_balance_score", "unjustified_off_strategy_share"]


def write_reps_index(site: SiteRenderer) -> None:
    # the columns a decision is made on first: how well the rep executes, the change, the flags, then the number
    cols = [Column("rep_name", "Rep", link="_href"), Column("team", "Team", link="_team_href"),
            mcol("adherence_score"),
            Column("d_adherence_score", "Δ adherence", "score100", metric="adherence_score", delta=True),
            mcol("red_flags"), mcol("bookings_amount"), mcol("on_strategy_share"),
            mcol("strategic_product_share"), mcol("new_logo_share"), mcol("icp_customer_share"),
            mcol("product_balance_score"), Column("is_active", "Active", "bool")]
    data = site.data
    year_cols = [c for c in cols if c.key != "d_adherence_score"]  # a year to date has no change to show

    def period_table(key: str, rows: list[Row], total: Row | None, columns: list[Column]) -> list[Table]:
        table_id = "reps" if key == data.asof.quarter else f"reps-{key}"
        return [Table(table_id, columns, rows, f"reps-{key}", totals=row_totals(total or {}, columns),
                      totals_label="Company")]

    def quarter_rows(quarter: Row) -> list[Table]:
        if quarter["fiscal_quarter_index"] == data.asof.index:
            return period_table(quarter["fiscal_quarter"], data.reps, quarter, cols)
        rows = [{**rep_fields(r), **_row_of(data.rep_quarters.get(r["rep_id"], []), quarter)} for r in data.reps]
        return period_table(quarter["fiscal_quarter"], rows, quarter, cols)

    def year_rows(year: Row) -> list[Table]:
        rows = [{**rep_fields(r), **data.rep_years.get(r["rep_id"], {})} for r in data.reps]
        return period_table(str(year["fiscal_year"]), rows, year, year_cols)

    blocks = within_period_budget(quarter_blocks(site, quarter_rows, year_rows), len(data.reps))
    site.write("reps/index.md", "reps_index.md.j2", blocks=blocks,
               users_without_activity=data.users_without_activity)


def _row_of(history: list[Row], quarter: Row) -> Row:
    """A rep's row of a quarter, without the keys that name the rep (the index takes them from dim_reps)."""
    row = next((r for r in history if r["fiscal_quarter_index"] == quarter["fiscal_quarter_index"]), {})
    return {k: v for k, v in row.items() if k not in REP_FIELDS}


def write_rep_pages(site: SiteRenderer) -> None:
    """The pages of this shard's reps."""
    company_on = site.data.series_for(site.data.company, "on_strategy_share")
    company_by_q = {r["fiscal_quarter"]: r for r in site.data.company}
    deals = by_key([d for d in site.data.accounts.won_deals if d["fiscal_quarter_index"] == site.data.asof.index],
                   "rep_id")
    pipeline = by_key(site.data.accounts.open_pipeline, "rep_id")
    off_deals = by_key(site.data.credit.deals, "rep_id")
    has_status = has_statuses(site)
    for rep in site.mine(site.data.reps):
        write_rep_page(site, rep, company_on, company_by_q, deals.get(rep["rep_id"], []),
                       pipeline.get(rep["rep_id"], []), off_deals.get(rep["rep_id"], []), has_status)


def rep_tiles(site: SiteRenderer, row: Row | None, hist: list[Row], quarter: Row) -> list[Tile | CreditTile]:
    """A rep's tiles for a quarter, each with the company's value beside it, then the strategy credit; none without
    a row that quarter."""
    if row is None:
        return []
    names = [n for n in REP_TILES if n in row]  # a warehouse before the off-strategy statuses has no such share
    tiles: list[Tile | CreditTile] = []
    for t in kpi_tiles(site, row, names, hist, quarter):
        t.note = f"Company {site.fmt.metric(quarter.get(t.name), t.name, compact=True)}"
        tiles.append(t)
    tiles.append(tile(row, "red_flag_count", versus=quarter.get("prev_quarter")))
    credit = credit_tile(site, row["rep_id"], quarter["fiscal_quarter"]) if "rep_id" in row else None  # a manager: none
    return [*tiles, credit] if credit else tiles


def rep_year_tiles(site: SiteRenderer, rep_id: str, year: Row) -> list[Tile | CreditTile]:
    """A rep's tiles for the fiscal year to date, then the year's strategy credit."""
    row = site.data.rep_years.get(rep_id)
    names = [n for n in [*REP_TILES, "red_flag_count"] if row is None or n in row]
    tiles: list[Tile | CreditTile] = list(year_tiles(site, row, names))
    credit = credit_tile(site, rep_id, str(year["fiscal_year"])) if tiles else None
    return [*tiles, credit] if credit else tiles


def write_rep_page(site: SiteRenderer, rep: Row, company_on: list[float | None], company_by_q: dict[str, Row],
                   deals: list[Row], pipeline: list[Row], off_deals: list[Row], has_status: bool) -> None:
    data, fmt, quarter = site.data, site.fmt, site.data.asof.quarter
    cats = data.quarter_axis()
    rid = rep["rep_id"]
    slug = data.rep_slugs[rid]
    hist = data.rep_quarters.get(rid, [])
    cur = next((r for r in hist if r["fiscal_quarter_index"] == data.asof.index), None)
    by_index = {r["fiscal_quarter_index"]: r for r in hist}
    quarter_rows = {r["fiscal_quarter"]: r for r in hist}
    tile_blocks = quarter_blocks(site, lambda q: rep_tiles(site, by_index.get(q["fiscal_quarter_index"]), hist, q),
                                 lambda year: rep_year_tiles(site, rid, year))
    trend = charts.line_chart(
        "On-strategy share by quarter", cats,
        [Series("This rep", data.series_for(hist, "on_strategy_share"), color=THIS),
         Series("Company", company_on, dashed=True, color=shade(2)),
         Series("Target", objective_targets(site, "on_strategy_share"), dashed=True, color=REFERENCE)],
        fmt.pct, ymax=1.0, markers=version_markers(site))
    lines = [{**ln, "_href": data.href("product", ln["product_line"])} for ln in data.rep_lines.get(rid, [])]
    mix_lines = [ln for ln in lines if ln["amount_q"] or ln.get("target_share")]
    colors = line_colors(site)
    mix = charts.hbar_chart(
        f"Product mix vs target, {quarter}",
        [Bar(str(ln["product_line"]), to_float(ln["share_of_rep_q"]), to_float(ln.get("target_share")),
             up(ln["_href"]), colors.get(str(ln["product_line"]), MUTED)) for ln in mix_lines],
        fmt.pct, "Share of the rep's bookings", "Target share", xmax=1.0, gap_fmt=fmt.pp
    ) if cur and cur.get("bookings_amount") else None
    motions = charts.bar_chart(
        "Growth motions by quarter (share of the rep's bookings)", cats,
        [Series(label, data.series_for(hist, key), color=shade(i)) for i, (key, label) in enumerate(GROWTH_MOTIONS)],
        fmt.pct, stacked=True, ymax=1.0, note=first_year_note(site), label_fmt=share_label)
    lines_table = Table("rep-product-lines", [
        Column("product_line", "Product line", link="_href"),
        Column("amount_q", f"Bookings {quarter}", "money"),
        Column("share_of_rep_q", "Share of rep", "share"), mcol("target_share"),
        Column("accounts_q", "Accounts", "count"), Column("amount_all", "Bookings, all quarters", "money")],
        lines, f"rep-{slug}-product-lines", search=False)
    acc_table = Table("rep-accounts", [
        Column("account_name", "Account", link="_acc_href"), Column("segment", "Segment", link="_seg_href"),
        Column("is_icp", "ICP", "bool"), Column("amount", "Bookings", "money"),
        mcol("on_strategy_share"), Column("opportunities_won", "Won opps", "count"),
        Column("last_close_date", "Last close", "date")],
        [{**a, "_seg_href": data.href("segment", a.get("segment")), "_acc_href": data.href("account", a["account_id"])}
         for a in data.rep_accounts.get(rid, [])],
        f"rep-{slug}-accounts", search=False, empty="No bookings in the last four quarters.")
    hist_rows = [{**r, "company_on_strategy_share": company_by_q.get(
        r["fiscal_quarter"].split(" ")[0], {}).get("on_strategy_share")} for r in data.history(hist)]
    hist_table = Table("rep-history", [
        Column("fiscal_quarter", "Quarter"), mcol("bookings_amount"), mcol("on_strategy_share"),
        Column("company_on_strategy_share", "Company on-strategy", "share", metric="on_strategy_share"),
        mcol("strategic_product_share"), mcol("new_logo_share"), mcol("product_balance_score"),
        mcol("icp_customer_share"), mcol("icp_time_share"), mcol("pipeline_created_amount"),
        *[mcol(m) for m in OFF_STRATEGY_SHARES if any(m in r for r in hist_rows)],
        mcol("adherence_score"), mcol("red_flags")], hist_rows, f"rep-{slug}-history",
        search=False, empty="No quarters with bookings, pipeline or activities.", row_class="_cls")
    site.write(f"reps/{slug}.md", "rep.md.j2", rep=rep, cur=cur, tile_blocks=tile_blocks, trend=trend,
               mix=mix, motions=motions, lines_table=lines_table, acc_table=acc_table,
               hist_table=hist_table, team_href=data.href("team", rep["team"]),
               off_blocks=off_strategy_blocks(
                   site, off_deals, lambda key, is_year: data.rep_years.get(rid) if is_year else quarter_rows.get(key),
                   "rep-off-strategy", f"rep-{slug}-off-strategy", with_rep=False) if has_status else [],
               unjustified_threshold=unjustified_threshold(site),
               points_blocks=points_blocks(site, rid) if data.coaching.available else [],
               deals_table=won_deals_table(data, "rep-won-deals", f"rep-{slug}-won-deals-{quarter}", deals,
                                           with_rep=False, with_quarter=False, empty=f"No won deals in {quarter}."),
               pipeline_table=open_pipeline_table(data, "rep-pipeline", f"rep-{slug}-open-pipeline", pipeline,
                                                  with_rep=False, empty="No open opportunities."))
