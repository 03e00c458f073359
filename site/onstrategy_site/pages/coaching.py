"""Coaching (SPEC "Coaching", marts.fct_coaching): "Coach this quarter" on the manager pages (the sellers under the
manager by the points their adherence score lost, each with the top gap, its topic, how long it has lasted and the
deals to discuss) and "Where the points went" on the rep pages (the score's per-objective breakdown as bars)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from onstrategy_site import charts
from onstrategy_site.charts import Bar
from onstrategy_site.charts.palette import ALERT, THIS
from onstrategy_site.collect import Row
from onstrategy_site.formatting import to_float
from onstrategy_site.metrics import metric
from onstrategy_site.pages.common import PeriodBlock, quarter_blocks
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, Table, mcol

COACH_CARDS = 10  # sellers shown with their deals to discuss; the table lists every seller under the manager
DEALS_EACH = 3  # open non-ICP and open late-stage ICP opportunities per seller


def points(fmt: Any, v: object) -> str:
    """Points of the adherence score: "33.3 pts"."""
    x = to_float(v)
    return "–" if x is None else f"{fmt.num(x, 1)} pts"


@dataclass(frozen=True)
class CoachCard:
    rep: Row  # queries/coaching_reps.sql with `_href`, `_team_href` and the top gap's label
    non_icp: list[Row] = field(default_factory=list)  # the largest open non-ICP opportunities
    late_icp: list[Row] = field(default_factory=list)  # the largest open late-stage ICP opportunities


@dataclass(frozen=True)
class CoachSection:
    quarter: str
    cards: list[CoachCard]
    table: Table
    sellers: int


def _reps_under(site: SiteRenderer, manager_id: Any) -> list[Row]:
    """The as-of quarter's coaching rows of every seller under a manager (every level), most points lost first."""
    data = site.data
    out = []
    for r in data.coaching.reps:
        chain = [m.strip() for m in (r.get("manager_chain") or "").split(",")]
        if manager_id not in chain:
            continue
        gap = r.get("top_gap")
        out.append({**r, "_href": data.href("rep", r["rep_id"]), "_team_href": data.href("team", r["team"]),
                    "_manager_href": data.href("manager", r.get("manager_id")),
                    "_gap_label": metric(gap).label if gap else "",
                    "_gap_text": f"{metric(gap).label} ({points(site.fmt, r.get('top_gap_points'))})" if gap
                    else "none: every target met"})
    return out


def deals_to_discuss(site: SiteRenderer, rep_id: Any) -> tuple[list[Row], list[Row]]:
    """A seller's largest open opportunities on accounts outside the ICP, and largest open late-stage ones on ICP
    accounts (queries/open_pipeline.sql lists every open opportunity, largest first)."""
    data = site.data
    mine = [{**o, "_account_href": data.href("account", o.get("account_id"))}
            for o in data.accounts.open_pipeline if o["rep_id"] == rep_id]
    non_icp = [o for o in mine if o.get("is_icp") is False][:DEALS_EACH]
    late_icp = [o for o in mine if o.get("is_icp") and o.get("is_late_stage")][:DEALS_EACH]
    return non_icp, late_icp


def coach_section(site: SiteRenderer, manager_id: Any, slug: str) -> CoachSection | None:
    """"Coach this quarter" of a manager's page; None without fct_coaching or a seller under them with bookings."""
    if not site.data.coaching.available:
        return None
    rows = _reps_under(site, manager_id)
    if not rows:
        return None
    by_rep: dict[Any, list[Row]] = {}
    for o in site.data.accounts.open_pipeline:
        by_rep.setdefault(o["rep_id"], []).append(o)
    cards = []
    for r in rows[:COACH_CARDS]:
        non_icp, late_icp = deals_to_discuss(site, r["rep_id"]) if r["rep_id"] in by_rep else ([], [])
        cards.append(CoachCard(r, non_icp, late_icp))
    cols = [Column("rep_name", "Rep", link="_href"),
            Column("points_lost", "Points lost", "score100", metric="points_lost"),
            mcol("adherence_score"), Column("_gap_text", "Top gap", metric="is_top_gap"),
            Column("persistence_quarters", "Quarters running", "count", metric="persistence_quarters"),
            Column("topic", "Topic", wrap=True), Column("team", "Team", link="_team_href"),
            Column("manager_name", "Manager", link="_manager_href")]
    quarter = site.data.asof.quarter
    table = Table("manager-coaching", cols, rows, f"managers-{slug}-coaching-{quarter}", search=len(rows) > 8,
                  empty=f"No seller under this manager booked in {quarter}.")
    return CoachSection(quarter, cards, table, len(rows))


@dataclass(frozen=True)
class PointsBreakdown:
    """A seller's adherence score in one quarter, objective by objective (fct_coaching)."""

    chart: Markup
    score: float | None
    lost: float
    rows: list[Row]


def _breakdown(site: SiteRenderer, rows: list[Row], quarter: str) -> PointsBreakdown | None:
    if not rows:
        return None
    fmt = site.fmt
    bars = []
    for r in rows:
        name = r["metric"]
        top = " · top gap" + (f", {r['persistence_quarters']} quarters running"
                              if (r.get("persistence_quarters") or 0) > 1 else "") if r.get("is_top_gap") else ""
        label = (f"{metric(name).label}: {fmt.metric(r.get('actual'), name)} vs target "
                 f"{fmt.metric(r.get('target'), name)}, weight {fmt.plain(float(r['weight']))}{top}")
        bars.append(Bar(label, to_float(r.get("points_lost")), color=ALERT if r.get("is_top_gap") else THIS))
    lost = to_float(rows[0].get("points_lost_total")) or 0.0
    score = to_float(rows[0].get("adherence_score"))
    chart = charts.hbar_chart(f"Where the points went, {quarter}", bars, lambda v: points(fmt, v), "Points lost",
                              note="The objective with the most points lost, the top gap, in red.")
    return PointsBreakdown(chart, score, lost, rows)


def points_blocks(site: SiteRenderer, rep_id: Any) -> list[PeriodBlock]:
    """A seller's breakdown for each quarter of the selector (None where they had no bookings)."""
    rows = site.data.coaching.rows.get(rep_id, [])
    return quarter_blocks(site, lambda q: _breakdown(
        site, [r for r in rows if r["fiscal_quarter_index"] == q["fiscal_quarter_index"]], q["fiscal_quarter"]))
