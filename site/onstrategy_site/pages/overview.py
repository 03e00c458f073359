"""The overview (index.md): the company's KPI tiles, trends, product mix, growth motions and reps to watch."""

from __future__ import annotations

from functools import partial

from onstrategy.strategy.schema import Version
from onstrategy_site import charts
from onstrategy_site.charts import Bar, Series, share_label
from onstrategy_site.charts.palette import REFERENCE, THIS, shade
from onstrategy_site.collect import Row
from onstrategy_site.formatting import is_missing, to_float
from onstrategy_site.metrics import GROWTH_MOTIONS, METRICS
from onstrategy_site.pages.common import (
    first_year_note,
    kpi_tiles,
    line_colors,
    objective_targets,
    quarter_blocks,
    quarter_version,
    version_markers,
    year_tiles,
)
from onstrategy_site.pages.verdict import scatter_blocks, verdict_sentence
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, Table, Tile, mcol


def company_tile_names(version: Version | None) -> list[str]:
    """The headline metrics, then the objectives of the version, then the other metrics leaders ask for."""
    objective_metrics = [o.metric for o in (version.objectives if version else []) if o.metric in METRICS]
    names = ["bookings_amount", "on_strategy_share", "adherence_score"]
    names += [m for m in objective_metrics if m not in names]
    return names + [m for m in ("icp_customer_share", "new_logo_share", "pipeline_created_amount") if m not in names]


def company_year_tiles(site: SiteRenderer, year: Row) -> list[Tile]:
    """The company's fiscal year to date: the quarter's tiles, judged by the year's version, without a change."""
    return year_tiles(site, year, company_tile_names(site.strategy.version_by_id(year.get("version_id"))))


def company_tiles(site: SiteRenderer, quarter: Row) -> list[Tile]:
    """The headline metrics of a quarter, the objectives of the version in force, then the reps with red flags."""
    data = site.data
    tiles = kpi_tiles(site, quarter, company_tile_names(quarter_version(site, quarter)), data.company, quarter)
    flagged = {r["fiscal_quarter_index"]: r for r in data.red_by_quarter}
    cur = flagged.get(quarter["fiscal_quarter_index"])
    prev = flagged.get(quarter["fiscal_quarter_index"] - 1)
    if cur:
        tiles.append(Tile(name="red_flag_count", label="Reps with red flags", value=cur["reps_flagged"],
                          delta=(cur["reps_flagged"] - prev["reps_flagged"]) if prev else None, kind="count",
                          versus=quarter.get("prev_quarter"),
                          note=f"of {cur['reps_active']} reps with activity"))
    return tiles


def write_overview(site: SiteRenderer) -> None:
    data, fmt = site.data, site.fmt
    cats = data.quarter_axis()
    trend = charts.line_chart(
        "On-strategy share by quarter", cats,
        [Series("On-strategy share", data.series_for(data.company, "on_strategy_share"), color=THIS),
         Series("Target", objective_targets(site, "on_strategy_share"), dashed=True, color=REFERENCE)],
        fmt.pct, ymax=1.0, markers=version_markers(site))
    adherence = charts.line_chart(
        "Adherence score by quarter", cats,
        [Series("Adherence score", data.series_for(data.company, "adherence_score"), color=THIS)],
        lambda v: f"{v:.0f}", ymax=100, markers=version_markers(site))
    product_rows = sorted(data.grain_rows["product"].values(), key=lambda rs: rs[0]["product_line"])
    current_rows = (next((r for r in rs if r["fiscal_quarter_index"] == data.asof.index), None) for rs in product_rows)
    lines_q = [r for r in current_rows if r is not None]
    colors = line_colors(site)
    mix = charts.hbar_chart(
        f"Product mix vs target mix, {data.asof.quarter}",
        [Bar(str(r["product_line"]), to_float(r.get("share_of_quarter")), to_float(r.get("target_share")),
             data.href("product", r["product_line"]), colors[str(r["product_line"])]) for r in lines_q],
        fmt.pct, "Share of bookings", "Target share", xmax=1.0, gap_fmt=fmt.pp)
    mix_trend = charts.bar_chart(
        "Product mix by quarter (share of bookings)", cats,
        [Series(name, data.series_for(rs, "share_of_quarter"), color=colors[str(name)])
         for name, rs in sorted(data.grain_rows["product"].items(), key=lambda kv: str(kv[0]))],
        fmt.pct, stacked=True, ymax=1.0, label_fmt=share_label)
    motions = charts.bar_chart(
        "Growth motions by quarter (share of bookings)", cats,
        [Series(label, data.series_for(data.company, key), color=shade(i))
         for i, (key, label) in enumerate(GROWTH_MOTIONS)],
        fmt.pct, stacked=True, ymax=1.0, note=first_year_note(site), label_fmt=share_label)
    ranked = [r for r in data.reps if not is_missing(r.get("adherence_score"))]
    ranked.sort(key=lambda r: (-float(r["adherence_score"]), r["rep_name"] or ""))
    rep_cols = [Column("rep_name", "Rep", link="_href"), mcol("adherence_score", label="Adherence"),
                mcol("on_strategy_share", label="On-strategy"), mcol("bookings_amount")]
    company_table = Table(
        "company-quarters",
        [Column("fiscal_quarter", "Quarter"), mcol("bookings_amount"), mcol("on_strategy_share"),
         mcol("icp_share"), mcol("strategic_product_share"), mcol("new_logo_share"),
         mcol("product_balance_score"), mcol("icp_customer_share"), mcol("pipeline_created_amount"),
         mcol("adherence_score"), mcol("reps_selling")],
        data.history(data.company), "company-by-quarter", search=False, row_class="_cls")
    tile_blocks = quarter_blocks(site, partial(company_tiles, site), partial(company_year_tiles, site))
    site.write("index.md", "overview.md.j2", tile_blocks=tile_blocks,
               trend=trend, adherence=adherence,
               verdict=verdict_sentence(site), scatter_blocks=scatter_blocks(site),
               mix=mix, mix_trend=mix_trend, motions=motions, company=data.company_row,
               top=Table("top-reps", rep_cols, ranked[:5], "top-reps", search=False),
               bottom=Table("bottom-reps", rep_cols, list(reversed(ranked[-5:])) if len(ranked) > 5 else [],
                            "bottom-reps", search=False),
               company_table=company_table, reps_count=len(data.reps))
