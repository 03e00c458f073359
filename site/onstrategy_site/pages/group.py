"""Team, segment, persona and product-line pages: an index per grain and one page per group."""

from __future__ import annotations

from typing import Any

from onstrategy.strategy.schema import UNSEGMENTED, Version
from onstrategy_site import charts
from onstrategy_site.charts import Bar, Series
from onstrategy_site.charts.palette import REFERENCE, THIS
from onstrategy_site.collect import Row
from onstrategy_site.formatting import to_float
from onstrategy_site.layout import GRAINS
from onstrategy_site.metrics import OFF_STRATEGY_SHARES
from onstrategy_site.pages.common import line_colors, quarter_blocks, spark, tile, up, version_markers
from onstrategy_site.pages.off_strategy import has_statuses, off_strategy_blocks, unjustified_threshold
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, Table, Tile, mcol, row_totals

INDEX_METRICS = ["bookings_amount", "share_of_quarter", "target_share", "share_gap", "reps_selling", "accounts_won",
                 "on_strategy_share", "icp_share", "strategic_product_share", "new_logo_share",
                 "product_balance_score", "adherence_score", "red_flag_count"]
TILE_METRICS = ["bookings_amount", "share_of_quarter", "target_share", "on_strategy_share", "adherence_score",
                "strategic_product_share", "new_logo_share", "product_balance_score", "reps_selling"]
# what "Unsegmented" means, on its page and under the segments index
UNSEGMENTED_NOTE = ("Bookings of accounts that match no segment rule of the version in force on their close date: "
                    "an industry, size or country outside every rule, or missing in the CRM. Not ICP, so off "
                    "strategy unless the account is a named target account; filling in the accounts' industry and "
                    "employees in the CRM moves them into their segment.")
CHART_GROUPS = 16  # groups in an index chart at most
# the index columns a decision is made on, right after the name: execution first, then the number and its target
INDEX_FIRST = ["adherence_score", "on_strategy_share", "red_flag_count", "bookings_amount", "share_of_quarter",
               "target_share", "share_gap"]


def group_colors(site: SiteRenderer, grain: str) -> dict[str, int]:
    """The colour of each group of a grain: a product line keeps its own (pages.common.line_colors); the other
    grains have none, their charts take the page's colour."""
    return line_colors(site) if grain == "product" else {}


def _metric_names(grain: str, available: set[str]) -> list[str]:
    """The metric columns of a grain's tables: those its mart has."""
    wanted = [m for m in INDEX_METRICS if grain == "team" or m != "red_flag_count"]
    names = [m for m in wanted if m in available]
    if grain in ("team", "persona"):  # no target mix for these grains
        names = [m for m in names if m not in ("target_share", "share_gap")]
    return names


def _flag_columns(grain: str, available: set[str]) -> list[Column]:
    if grain == "segment" and "is_icp_segment" in available:
        return [Column("is_icp_segment", "ICP", "bool")]
    if grain == "persona" and "is_target_persona" in available:
        return [Column("is_target_persona", "Target persona", "bool")]
    if grain == "product":
        return [Column(c, c.removeprefix("is_").capitalize(), "bool")
                for c in ("is_strategic", "is_deprioritized") if c in available]
    return []


def write_group_pages(site: SiteRenderer, grain: str) -> None:
    """The grain's index (shard 0 only) and the pages of this shard's groups."""
    data = site.data
    names = sorted(data.slugs[grain], key=str)
    metric_names = _metric_names(grain, data.grain_columns[grain])
    if site.shard == 0:
        site.write(f"{GRAINS[grain].folder}/index.md", "group_index.md.j2", grain=grain,
                   singular=GRAINS[grain].singular, plural=GRAINS[grain].plural,
                   unsegmented_note=UNSEGMENTED_NOTE if grain == "segment" and UNSEGMENTED in data.slugs[grain]
                   else "",
                   blocks=quarter_blocks(site, lambda q: _index_block(site, grain, names, metric_names, q)))
    company_on = data.series_for(data.company, "on_strategy_share")
    for n in site.mine(names):
        write_group_page(site, grain, n, metric_names, company_on)


def _index_block(site: SiteRenderer, grain: str, names: list[Any], metric_names: list[str],
                 quarter: Row) -> list[Any]:
    """A grain index's chart and table for one quarter: every group, largest bookings first, the company's row
    as the table's total."""
    data, fmt, label = site.data, site.fmt, quarter["fiscal_quarter"]
    g = GRAINS[grain]
    rows_by = data.grain_rows[grain]
    rows = []
    for n in names:
        row = next((r for r in rows_by.get(n, []) if r["fiscal_quarter_index"] == quarter["fiscal_quarter_index"]),
                   None)
        rows.append({**(row or {}), g.key: n, "_href": data.href(grain, n)})
    rows.sort(key=lambda r: (-(to_float(r.get("bookings_amount")) or 0), str(r[g.key])))
    available = data.grain_columns[grain]
    first = [m for m in INDEX_FIRST if m in metric_names]
    cols = [Column(g.key, g.singular, link="_href"), *[mcol(m) for m in first], *_flag_columns(grain, available),
            *[mcol(m) for m in metric_names if m not in first]]
    table_id = g.folder if quarter["fiscal_quarter_index"] == data.asof.index else f"{g.folder}-{label}"
    table = Table(table_id, cols, rows, f"{g.folder}-{label}", totals=row_totals(quarter, cols),
                  totals_label="Company")
    chart_rows = [r for r in rows
                  if (to_float(r.get("bookings_amount")) or 0) > 0 or r.get("target_share")][:CHART_GROUPS]
    has_target = "target_share" in metric_names
    colors = group_colors(site, grain)
    chart = charts.hbar_chart(
        f"Share of {label} bookings" + (" vs target" if has_target else "")
        + (f" (top {CHART_GROUPS} by bookings)" if len(rows) > CHART_GROUPS else ""),
        [Bar(str(r[g.key]), to_float(r.get("share_of_quarter")),
             to_float(r.get("target_share")) if has_target else None, up(r["_href"]), colors.get(str(r[g.key]), THIS))
         for r in chart_rows],
        fmt.pct, "Share of bookings", "Target share", xmax=1.0, gap_fmt=fmt.pp)
    return [chart, table]


def write_group_page(site: SiteRenderer, grain: str, name: Any, metric_names: list[str],
                     company_on: list[float | None]) -> None:
    data, fmt, quarter = site.data, site.fmt, site.data.asof.quarter
    g = GRAINS[grain]
    slug = data.slugs[grain][name]
    available = data.grain_columns[grain]
    cats = data.quarter_axis()
    hist = data.grain_rows[grain].get(name, [])
    cur = next((r for r in hist if r["fiscal_quarter_index"] == data.asof.index), None)
    by_index = {r["fiscal_quarter_index"]: r for r in hist}
    tile_metrics = [m for m in TILE_METRICS if m in metric_names][:7]

    def quarter_tiles(quarter: Row) -> list[Tile]:
        row = by_index.get(quarter["fiscal_quarter_index"])
        return [tile(row, m, spark=spark(site, hist, m, quarter), versus=quarter.get("prev_quarter"))
                for m in tile_metrics] if row else []

    own = group_colors(site, grain).get(str(name), THIS)  # a product line's own colour, else the page's
    series = []
    if "share_of_quarter" in available:
        series.append(Series("Share of quarter", data.series_for(hist, "share_of_quarter"), color=own))
    if "target_share" in metric_names:
        series.append(Series("Target share", data.series_for(hist, "target_share"), dashed=True, color=REFERENCE))
    markers = version_markers(site)
    share_chart = charts.line_chart("Share of bookings by quarter", cats, series, fmt.pct, ymax=1.0,
                                    markers=markers) if series else None
    on_chart = charts.line_chart(
        "On-strategy share by quarter", cats,
        [Series(f"This {g.singular.lower()}", data.series_for(hist, "on_strategy_share"), color=own),
         Series("Company", company_on, dashed=True, color=REFERENCE)], fmt.pct, ymax=1.0, markers=markers) \
        if "on_strategy_share" in available else None
    # the team mart has the shares by off-strategy status (the other grains' marts do not)
    status_names = [m for m in OFF_STRATEGY_SHARES if m in available] if grain == "team" else []
    hist_table = Table(f"{grain}-history", [Column("fiscal_quarter", "Quarter"),
                                            *[mcol(m) for m in [*metric_names, *status_names]]],
                       data.history(hist), f"{g.folder}-{slug}-history", search=False, row_class="_cls")
    quarter_rows = {r["fiscal_quarter"]: r for r in hist}
    off_blocks = off_strategy_blocks(
        site, [d for d in data.credit.deals if d.get("team") == name],
        lambda key, is_year: None if is_year else quarter_rows.get(key), f"{grain}-off-strategy",
        f"{g.folder}-{slug}-off-strategy", with_rep=True) if status_names and has_statuses(site) else []
    accounts_table = None
    if grain == "segment":
        accounts_table = Table("segment-accounts", [
            Column("account_name", "Account", link="_acc_href"), Column("is_icp", "ICP", "bool"),
            Column("is_target_account", "Target account", "bool"), Column("amount", "Bookings", "money"),
            mcol("on_strategy_share"), Column("reps", "Reps", "count"),
            Column("opportunities_won", "Won opps", "count")],
            [{**a, "_acc_href": data.href("account", a["account_id"])} for a in data.segment_accounts.get(name, [])],
            f"segment-{slug}-accounts", search=False,
            empty=f"No bookings in {quarter}.")
    site.write(f"{g.folder}/{slug}.md", "group.md.j2", grain=grain, singular=g.singular, plural=g.plural,
               folder=g.folder, name=name, cur=cur, tile_blocks=quarter_blocks(site, quarter_tiles),
               share_chart=share_chart, on_chart=on_chart,
               hist_table=hist_table, reps_table=_reps_table(site, grain, name), accounts_table=accounts_table,
               off_blocks=off_blocks, unjustified_threshold=unjustified_threshold(site),
               strategy_note=strategy_note(site, grain, name, data.asof.version))


def strategy_note(site: SiteRenderer, grain: str, name: Any, version: Version | None) -> list[str]:
    """What the strategy version in force says about this group."""
    if version is None:
        return []
    notes = []
    if grain == "product":
        line = next((p for p in version.product_lines if p.name == name), None)
        if line is None:
            notes.append(f"Not a product line of the {version.name}: counted as off-plan (target share 0).")
        else:
            notes.append(f"Target share in the {version.name}: {site.fmt.pct(line.target_share)}.")
            if line.strategic:
                notes.append("A strategic product line.")
            if line.deprioritized:
                notes.append("Deprioritized: bookings in this line are off strategy.")
    if grain == "segment":
        segment = next((s for s in version.segments if s.name == name), None)
        if segment is not None:
            notes.append(("An ICP segment" if segment.icp else "Not an ICP segment") + f" in the {version.name}.")
        elif name == UNSEGMENTED:
            notes.append(UNSEGMENTED_NOTE)
    if grain == "persona":
        notes.append(("A target persona" if name in version.target_personas else "Not a target persona")
                     + f" in the {version.name}.")
    return notes


def _reps_table(site: SiteRenderer, grain: str, name: Any) -> Table:
    """A team's reps, or the reps selling in a segment, persona or product line in the as-of quarter."""
    data = site.data
    slug = data.slugs[grain][name]
    if grain == "team":
        rows = [r for r in data.reps if r["team"] == name]
        rows.sort(key=lambda r: (-(to_float(r.get("bookings_amount")) or 0), r["rep_name"] or ""))
        return Table("team-reps", [
            Column("rep_name", "Rep", link="_href"), Column("is_active", "Active", "bool"),
            mcol("bookings_amount"), mcol("on_strategy_share"), mcol("strategic_product_share"),
            mcol("new_logo_share"), *([mcol("unjustified_off_strategy_share")] if has_statuses(site) else []),
            mcol("adherence_score"), mcol("red_flags")], rows, f"team-{slug}-reps")
    rows = [{**r, "_href": data.href("rep", r["rep_id"]), "_team_href": data.href("team", r["team"])}
            for r in data.group_reps.get(GRAINS[grain].key, []) if r["group_key"] == name]
    return Table(f"{grain}-reps", [
        Column("rep_name", "Rep", link="_href"), Column("team", "Team", link="_team_href"),
        Column("amount", f"Bookings {data.asof.quarter}", "money"),
        Column("share_of_group", "Share of group", "share"), Column("accounts", "Accounts", "count"),
        mcol("on_strategy_share")], rows, f"{grain}-{slug}-reps", search=False,
        empty=f"No bookings in {data.asof.quarter}.", caption=_top_caption(rows))


def _top_caption(rows: list[Row]) -> str:
    """'Top 25 of 34 reps by bookings' when the query kept only the top of the group's sellers."""
    total = int(rows[0]["reps_in_group"]) if rows and rows[0].get("reps_in_group") is not None else len(rows)
    return f"Top {len(rows)} of {total} reps by bookings" if total > len(rows) else ""
