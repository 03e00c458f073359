"""The overview's verdict: one sentence on the as-of quarter, and the picture of reps who book the same number
while executing different strategies (bookings against on-strategy share, one dot per seller)."""

from __future__ import annotations

from statistics import median

from markupsafe import Markup, escape

from onstrategy_site import charts
from onstrategy_site.charts import Point
from onstrategy_site.charts.palette import MUTED
from onstrategy_site.collect import Row
from onstrategy_site.formatting import is_missing, to_float
from onstrategy_site.metrics import METRICS
from onstrategy_site.pages.common import PeriodBlock, line_colors, objective_target, rep_fields
from onstrategy_site.render import SiteRenderer

# Two reps "book the same" when the smaller book is at least this share of the larger one.
SIMILAR_BOOKINGS = 0.85
# The pair is looked for among the largest books (the reps a quota report puts side by side).
PAIR_CANDIDATES = 200


def objectives_met(site: SiteRenderer) -> tuple[int, int]:
    """How many of the as-of version's objectives the company met in the as-of quarter, of how many."""
    version, row = site.data.asof.version, site.data.company_row
    objectives = version.objectives if version else []
    met = 0
    for objective in objectives:
        value = to_float(row.get(objective.metric))
        if value is None:
            continue
        down = METRICS[objective.metric].better == "down" if objective.metric in METRICS else False
        met += value <= objective.target if down else value >= objective.target
    return met, len(objectives)


def verdict_sentence(site: SiteRenderer) -> str:
    """"In FY2027-Q3, 58.0% of bookings were on strategy against a 70.0% target; 2 of 4 objectives met; 7 of 34
    reps flagged." Only what the marts say, with the target where the strategy sets one."""
    data, fmt = site.data, site.fmt
    on_strategy = data.company_row.get("on_strategy_share")
    target = objective_target(data.asof.version, "on_strategy_share")
    parts = [f"{fmt.pct(on_strategy)} of bookings were on strategy"
             + (f" against a {fmt.pct(target)} target" if target is not None else "")]
    met, total = objectives_met(site)
    if total:
        parts.append(f"{met} of {total} objective{'s' if total != 1 else ''} met")
    flagged = next((r for r in data.red_by_quarter if r["fiscal_quarter_index"] == data.asof.index), None)
    if flagged:
        parts.append(f"{flagged['reps_flagged']} of {flagged['reps_active']} reps with activity flagged")
    return f"In {data.asof.quarter}, " + "; ".join(parts) + "."


def sellers(rows: list[Row]) -> list[Row]:
    """The reps with bookings and an on-strategy share in a period."""
    return [r for r in rows
            if (to_float(r.get("bookings_amount")) or 0) > 0 and not is_missing(r.get("on_strategy_share"))]


def same_number_pair(reps: list[Row]) -> tuple[Row, Row] | None:
    """Two reps whose bookings are within SIMILAR_BOOKINGS of each other and whose on-strategy shares differ most
    (the larger books first); None when no two reps book alike."""
    ranked = sorted(reps, key=lambda r: -float(r["bookings_amount"]))[:PAIR_CANDIDATES]
    best: tuple[float, Row, Row] | None = None
    for i, a in enumerate(ranked):
        for b in ranked[i + 1:]:
            if float(b["bookings_amount"]) < SIMILAR_BOOKINGS * float(a["bookings_amount"]):
                break  # sorted by bookings: the rest are smaller still
            gap = abs(float(a["on_strategy_share"]) - float(b["on_strategy_share"]))
            if best is None or gap > best[0]:
                best = (gap, a, b)
    if best is None or best[0] == 0:
        return None
    _, a, b = best
    return (a, b) if float(a["on_strategy_share"]) >= float(b["on_strategy_share"]) else (b, a)


def scatter_blocks(site: SiteRenderer) -> list[PeriodBlock]:
    """The "same number, different strategy" section for the as-of quarter and, when the warehouse has the yearly
    marts, the fiscal year to date (the grain of the two-$5M-reps comparison)."""
    data = site.data
    blocks = [PeriodBlock(data.asof.quarter, data.asof.quarter, "",
                          [_scatter_section(site, data.reps, data.asof.quarter, "share_of_rep_q",
                                            objective_target(data.asof.version, "on_strategy_share"),
                                            data.company_row)], True)]
    year = data.company_year
    if year is not None:
        rows = [{**rep_fields(r), **data.rep_years[r["rep_id"]]}
                for r in data.reps if r["rep_id"] in data.rep_years]
        version = site.strategy.version_by_id(year.get("version_id"))
        label = f"{year['fiscal_year']} to date"
        blocks.append(PeriodBlock(str(year["fiscal_year"]), label, "",
                                  [_scatter_section(site, rows, label, "share_of_rep_y",
                                                    objective_target(version, "on_strategy_share"), year)], False))
    return blocks


def _scatter_section(site: SiteRenderer, rows: list[Row], period: str, mix_key: str, target: float | None,
                     company: Row) -> Markup:
    """The scatter of a period's sellers beside the explanation and the table of the highlighted pair."""
    chart, pair = sellers_scatter(site, sellers(rows), period, mix_key, target, company)
    text = Markup("<p>A quota report ranks sellers by bookings alone. Here each dot is a seller with bookings in "
                  "{}: how much they booked, and how much of it was on strategy. Sellers on the same vertical line "
                  "book the same number; their height says whether they sell the strategy.</p>").format(period)
    if pair:
        text += Markup("<p>Two sellers who booked about the same and sold very differently:</p>") + pair
    else:
        text += Markup('<p class="os-muted">No two sellers booked within 15% of each other in {}.</p>').format(period)
    return Markup('<div class="os-grid2">{}<div class="os-card">{}</div></div>').format(chart, text)


def sellers_scatter(site: SiteRenderer, reps: list[Row], period: str, mix_key: str, target: float | None,
                    company: Row) -> tuple[Markup, Markup]:
    """The scatter of sellers and the table of the highlighted pair (empty when there is none)."""
    fmt = site.fmt
    pair = same_number_pair(reps)
    paired = {r["rep_id"] for r in pair} if pair else set()
    y_split = target if target is not None else to_float(company.get("on_strategy_share")) or 0.5
    x_split = median(float(r["bookings_amount"]) for r in reps) if reps else 0.0
    points = [Point(r["rep_name"] or r["rep_id"], float(r["bookings_amount"]), float(r["on_strategy_share"]),
                    r.get("_href"), r["rep_id"] in paired) for r in reps]
    chart = charts.scatter_chart(
        f"Bookings and on-strategy share by seller, {period}", points,
        lambda v: fmt.money(v, compact=True), lambda v: fmt.pct(v, 0), x_split, y_split,
        ("On strategy, smaller book", "On strategy, large book", "Off strategy, smaller book",
         "Hitting the number off strategy"),
        note=f"Dashed lines: the median seller's bookings and the on-strategy "
             f"{'target' if target is not None else 'share of the company'}. Up: on-strategy share.",
        x_title=f"Bookings, {period}", y_title="On-strategy share")
    return chart, _pair_table(site, pair, mix_key)


def _pair_table(site: SiteRenderer, pair: tuple[Row, Row] | None, mix_key: str) -> Markup:
    if pair is None:
        return Markup("")
    fmt, colors = site.fmt, line_colors(site)
    rows = []
    for rep in pair:
        lines = site.data.rep_lines.get(rep["rep_id"], [])
        shares = [(str(ln["product_line"]), to_float(ln.get(mix_key)),
                   colors.get(str(ln["product_line"]), MUTED))
                  for ln in sorted(lines, key=lambda ln: str(ln["product_line"]))]
        name = escape(rep["rep_name"] or rep["rep_id"])
        link = Markup('<a href="{}">{}</a>').format(rep["_href"], name) if rep.get("_href") else name
        rows.append(Markup("<tr><td>{}</td><td class=\"os-num\">{}</td><td class=\"os-num\">{}</td>"
                           "<td class=\"os-num\">{}</td><td>{}</td></tr>").format(
            link, fmt.money(rep.get("bookings_amount"), compact=True), fmt.pct(rep.get("on_strategy_share")),
            fmt.num(rep.get("adherence_score")), charts.mix_bar(shares, fmt.pct)))
    legend = Markup("").join(
        Markup('<span class="os-legend__item"><span class="os-legend__key os-s{}"></span>{}</span>').format(
            color, name) for name, color in sorted(colors.items()))
    return Markup('<div class="os-scroll"><table class="os-pair"><thead><tr><th>Rep</th>'
                  '<th class="os-num">Bookings</th><th class="os-num">On-strategy</th>'
                  '<th class="os-num">Adherence</th><th>Product mix</th></tr>'
                  '</thead><tbody>{}</tbody></table></div><p class="os-legend">{}</p>').format(
        Markup("").join(rows), legend)
