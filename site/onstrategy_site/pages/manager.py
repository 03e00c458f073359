"""The managers index and one page per manager: the roll-up of every seller under them (SPEC "Organisation",
marts.fct_strategy_adherence_by_manager), with the managers and sellers directly under them."""

from __future__ import annotations

from typing import Any

from onstrategy_site import charts
from onstrategy_site.charts import Series, share_label
from onstrategy_site.charts.palette import REFERENCE, THIS, shade
from onstrategy_site.collect import Row, SiteData
from onstrategy_site.layout import MANAGERS_INDEX
from onstrategy_site.metrics import GROWTH_MOTIONS
from onstrategy_site.pages.alignment import ALIGNMENT_HREF, manager_plans
from onstrategy_site.pages.coaching import coach_section
from onstrategy_site.pages.common import first_year_note, objective_targets, quarter_blocks, version_markers
from onstrategy_site.pages.rep import rep_tiles
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, Table, mcol, row_totals

# what a manager's direct reports and the managers index show of a roll-up or a rep, besides the name
REPORT_METRICS = ["adherence_score", "on_strategy_share", "bookings_amount", "red_flags"]


def row_in(history: list[Row], quarter_index: int) -> Row | None:
    """The row of a quarter in one entity's rows by quarter."""
    return next((r for r in history if r["fiscal_quarter_index"] == quarter_index), None)


def direct_reports(data: SiteData, manager_id: Any, quarter_index: int) -> list[Row]:
    """The managers and sellers directly under a manager, each with its page and its row of the quarter: a
    manager's roll-up, a seller's by-rep row (blank metrics without one). Users with neither page (no roll-up, no
    activity ever) are left out. Managers first, then by name (queries/manager_reports.sql)."""
    out = []
    for report in data.org.reports.get(manager_id, []):
        rid = report["report_id"]
        manager_href = data.href("manager", rid) if report["has_rollup"] else None
        href: str | None
        if manager_href:
            row = row_in(data.org.quarters.get(rid, []), quarter_index) or {}
            role, href, team_href = "Manager", manager_href, None
        elif rid in data.rep_slugs:
            row = row_in(data.rep_quarters.get(rid, []), quarter_index) or {}
            role, href, team_href = "Seller", data.href("rep", rid), data.href("team", report["team"])
        else:
            continue
        out.append({**{m: row.get(m) for m in REPORT_METRICS}, "name": report["report_name"] or rid,
                    "team": report["team"], "role": role, "_href": href, "_team_href": team_href})
    return out


def write_managers_index(site: SiteRenderer) -> None:
    """Every manager with a roll-up, the top of the organisation first; nothing without one (no nav entry)."""
    data = site.data
    if not data.org.managers:
        return
    # the columns a decision is made on right after the name (in view on a phone), who they are after them
    roll_up = [mcol("adherence_score"),
               Column("d_adherence_score", "Δ adherence", "score100", metric="adherence_score", delta=True),
               mcol("on_strategy_share"), mcol("bookings_amount"), mcol("red_flags"),
               Column("reps", "Sellers", "count")]
    cols = [Column("manager_name", "Manager", link="_href"), *roll_up, Column("team", "Team"),
            Column("reports_to_name", "Reports to", link="_boss_href")]

    def block(quarter: Row) -> list[Table]:
        label = quarter["fiscal_quarter"]
        rows = []
        for m in data.org.managers:
            row = row_in(data.org.quarters.get(m["manager_id"], []), quarter["fiscal_quarter_index"]) or {}
            rows.append({**m, **{c.key: row.get(c.key) for c in roll_up}})
        table_id = "managers" if quarter["fiscal_quarter_index"] == data.asof.index else f"managers-{label}"
        return [Table(table_id, cols, rows, f"managers-{label}", totals=row_totals(quarter, cols),
                      totals_label="Company")]

    site.write(MANAGERS_INDEX, "managers_index.md.j2", blocks=quarter_blocks(site, block),
               managers=len(data.org.managers))


def write_manager_pages(site: SiteRenderer) -> None:
    """The pages of this shard's managers."""
    company_on = site.data.series_for(site.data.company, "on_strategy_share")
    company_by_q = {r["fiscal_quarter"]: r for r in site.data.company}
    for manager in site.mine(site.data.org.managers):
        write_manager_page(site, manager, company_on, company_by_q)


def write_manager_page(site: SiteRenderer, manager: Row, company_on: list[float | None],
                       company_by_q: dict[str, Row]) -> None:
    data, fmt = site.data, site.fmt
    mid = manager["manager_id"]
    slug = data.slugs["manager"][mid]
    hist = data.org.quarters.get(mid, [])
    cur = row_in(hist, data.asof.index)
    # the tiles of a rep's page, each with the company's value: the top manager's are the company's own
    tile_blocks = quarter_blocks(site, lambda q: rep_tiles(site, row_in(hist, q["fiscal_quarter_index"]), hist, q))
    trend = charts.line_chart(
        "On-strategy share by quarter", data.quarter_axis(),
        [Series("Sellers under this manager", data.series_for(hist, "on_strategy_share"), color=THIS),
         Series("Company", company_on, dashed=True, color=shade(2)),
         Series("Target", objective_targets(site, "on_strategy_share"), dashed=True, color=REFERENCE)],
        fmt.pct, ymax=1.0, markers=version_markers(site))
    motions = charts.bar_chart(
        "Growth motions by quarter (share of the sellers' bookings)", data.quarter_axis(),
        [Series(label, data.series_for(hist, key), color=shade(i)) for i, (key, label) in enumerate(GROWTH_MOTIONS)],
        fmt.pct, stacked=True, ymax=1.0, note=first_year_note(site), label_fmt=share_label)
    report_cols = [Column("name", "Name", link="_href"), *[mcol(m) for m in REPORT_METRICS], Column("role", "Role"),
                   Column("team", "Team", link="_team_href")]

    def reports_block(quarter: Row) -> list[Table]:
        label = quarter["fiscal_quarter"]
        table_id = "manager-reports" if quarter["fiscal_quarter_index"] == data.asof.index \
            else f"manager-reports-{label}"
        return [Table(table_id, report_cols, direct_reports(data, mid, quarter["fiscal_quarter_index"]),
                      f"managers-{slug}-reports-{label}", search=False,
                      empty="No managers or sellers with a page directly under this manager.")]

    hist_rows = [{**r, "company_on_strategy_share": company_by_q.get(
        r["fiscal_quarter"].split(" ")[0], {}).get("on_strategy_share")} for r in data.history(hist)]
    hist_table = Table("manager-history", [
        Column("fiscal_quarter", "Quarter"), Column("reps", "Sellers", "count"), mcol("bookings_amount"),
        mcol("on_strategy_share"),
        Column("company_on_strategy_share", "Company on-strategy", "share", metric="on_strategy_share"),
        mcol("strategic_product_share"), mcol("new_logo_share"), mcol("product_balance_score"),
        mcol("icp_customer_share"), mcol("icp_time_share"), mcol("pipeline_created_amount"),
        mcol("adherence_score"), mcol("red_flags")], hist_rows, f"managers-{slug}-history",
        search=False, empty="No quarters with bookings, pipeline or activities.", row_class="_cls")
    site.write(f"managers/{slug}.md", "manager.md.j2", manager=manager, cur=cur, tile_blocks=tile_blocks,
               trend=trend, motions=motions, report_blocks=quarter_blocks(site, reports_block), hist_table=hist_table,
               plans=manager_plans(site, mid), alignment_href=ALIGNMENT_HREF, coach=coach_section(site, mid, slug))
