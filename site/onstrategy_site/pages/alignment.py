"""Sales alignment plans (SPEC "Sales alignment plans"): the page "Alignment plans" (the teams x company objectives
grid of line of sight, whether the plans add up to the company's targets, each team's plan with its progress and
drop list for the quarter chosen) and the summary of a manager's teams' plans on the manager pages. The numbers are
the alignment marts'; this module only picks, orders and words them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onstrategy.strategy.schema import Version
from onstrategy_site.collect import Row
from onstrategy_site.formatting import DASH, Formatter, slugify, to_float
from onstrategy_site.layout import ALIGNMENT_PAGE
from onstrategy_site.metrics import metric
from onstrategy_site.pages.common import quarter_blocks, quarter_version
from onstrategy_site.render import SiteRenderer

ALIGNMENT_HREF = ALIGNMENT_PAGE.removesuffix(".md") + ".html"
NO_PLAN_FLAG = "no_approved_plan"

# the line of sight of fct_alignment_line_of_sight in words
LINE_OF_SIGHT = {"direct": "Direct", "not_covered": "Not covered", "no_plan": "No plan", "indirect": "Indirect"}

# a gap this close to 0 is no gap (the roll-up is a weighted sum of doubles)
GAP_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Cell:
    code: str  # direct / not_covered / no_plan
    text: str  # the words
    target: str  # the team's target for the metric, formatted ("" without one)


@dataclass(frozen=True)
class GridRow:
    team: str
    href: str | None
    cells: list[Cell]  # one per company objective, in the version's order
    indirect: list[str]  # "Cross-sell share 30%": the priorities outside the company's objectives


@dataclass(frozen=True)
class Priority:
    order: int
    metric: str
    target: str
    company_target: str  # the company's target for the metric ("" when it is not an objective)
    action: str | None
    actual: str
    met: bool | None
    gap: str  # how far below the target ("" when met or unmeasured)


@dataclass(frozen=True)
class Drop:
    product_line: str
    href: str | None
    max_share: str
    actual_share: str
    met: bool | None


@dataclass(frozen=True)
class TeamPlan:
    team: str
    href: str | None
    anchor: str  # the plan's id on the alignment page, within a quarter's block: plan-<quarter>-<team slug>
    has_plan: bool
    approver: str | None  # the approver's name (dim_reps' for a User Id)
    approver_href: str | None  # the approver's manager page, when they have one
    approved_on: Any
    priorities: list[Priority] = field(default_factory=list)
    drops: list[Drop] = field(default_factory=list)
    met: int = 0  # priorities met in the quarter
    measured: int = 0  # priorities with an actual in the quarter
    red_flags: str | None = None  # the team's red flags in the quarter (fct_strategy_adherence_by_team)


@dataclass(frozen=True)
class Rollup:
    metric: str
    company_target: str
    implied_target: str
    gap: str
    adds_up: bool | None  # None: nothing to weigh the teams by (no bookings before the version)
    verdict: str


@dataclass(frozen=True)
class AlignmentPeriod:
    """What the page shows for one quarter of the selector."""

    quarter: str
    version: Version | None
    version_id: int | None
    objectives: list[str]  # the company objectives' metrics, in the version's order
    company_targets: dict[str, str]
    grid: list[GridRow]
    has_indirect: bool
    rollup: list[Rollup]
    plans: list[TeamPlan]  # the teams with a plan, in plan order
    without_plan: list[TeamPlan]  # the teams without one, by name
    short: int  # objectives the plans fall short of


def lower_first(text: str) -> str:
    """A label inside a sentence: "On-strategy share" -> "on-strategy share" (an acronym such as ICP stays)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def share_target(v: object) -> str:
    """A share as strategy.yml sets it, in percent without needless zeros: 60%, 52.5%."""
    x = to_float(v)
    return DASH if x is None else f"{x * 100:.1f}".rstrip("0").rstrip(".") + "%"


def target_text(fmt: Formatter, v: object, name: str) -> str:
    """A metric's target as strategy.yml sets it: a share as `share_target`, a score as the site writes it."""
    return share_target(v) if metric(name).kind == "share" else fmt.metric(v, name)


def gap_text(fmt: Formatter, gap: float, name: str) -> str:
    """The size of a gap without its sign: "6.5 points" for a share, "0.22" for a score."""
    if metric(name).kind == "share":
        points = abs(gap) * 100
        return f"{points:.1f} point{'' if round(points, 1) == 1 else 's'}"
    return fmt.metric(abs(gap), name)


def verdict(fmt: Formatter, row: Row) -> tuple[bool | None, str]:
    """Whether the plans add up to one company objective, in a sentence."""
    name = row["metric"]
    label = lower_first(metric(name).label)
    company = target_text(fmt, row["company_target"], name)
    implied, gap = to_float(row.get("implied_target")), to_float(row.get("plan_gap"))
    if implied is None or gap is None:
        return None, (f"Cannot tell whether the plans add up to the company's {company} {label}: no team booked in "
                      f"the four quarters before the version, so there is nothing to weigh the teams by.")
    implied_text = fmt.metric(implied, name)
    if gap >= -GAP_TOLERANCE:
        more = f", {gap_text(fmt, gap, name)} above it" if gap > GAP_TOLERANCE and implied_text != company else ""
        return True, f"The teams' plans add up: {implied_text} {label} against the company's {company}{more}."
    return False, (f"The teams' plans add up to {implied_text} {label} against the company's {company}: "
                   f"{gap_text(fmt, gap, name)} short.")


def _priority(fmt: Formatter, row: Row, company_targets: dict[str, str]) -> Priority:
    name = row["metric"]
    actual, target = to_float(row.get("actual")), to_float(row.get("team_target"))
    met = row.get("met")
    gap = ""
    if met is False and actual is not None and target is not None:
        gap = f"{gap_text(fmt, target - actual, name)} below".replace("points", "pts").replace("point ", "pt ")
    return Priority(order=row["priority_order"], metric=name, target=target_text(fmt, target, name),
                    company_target=company_targets.get(name, ""), action=row.get("action"),
                    actual=fmt.metric(actual, name), met=met, gap=gap)


def team_flags(site: SiteRenderer, team: str, quarter_index: int) -> str | None:
    """A team's red flags in a quarter (its row of fct_strategy_adherence_by_team)."""
    rows = site.data.grain_rows["team"].get(team, [])
    return next((r.get("red_flags") for r in rows if r["fiscal_quarter_index"] == quarter_index), None)


def _plan_of(site: SiteRenderer, version_id: Any, team: str) -> Row | None:
    return next((p for p in site.data.alignment.plans.get(version_id, []) if p["team"] == team), None)


def team_plans(site: SiteRenderer, quarter: Row, version_id: Any) -> tuple[list[TeamPlan], list[TeamPlan]]:
    """The teams' plans of a version with their progress in a quarter (plan order), and the teams without a plan."""
    data, fmt = site.data, site.fmt
    rows = data.alignment.line_of_sight.get(version_id, [])
    company_targets = {r["metric"]: target_text(fmt, r["company_target"], r["metric"])
                       for r in rows if r["line_of_sight"] != "indirect"}
    teams = sorted({r["team"] for r in rows})
    planned = {r["team"] for r in rows if r["line_of_sight"] != "no_plan"}
    progress = [r for r in data.alignment.progress.get(quarter["fiscal_quarter"], []) if r["version_id"] == version_id]
    drops = [r for r in data.alignment.drops.get(quarter["fiscal_quarter"], []) if r["version_id"] == version_id]
    with_plan, without = [], []
    for team in teams:
        plan = _plan_of(site, version_id, team)
        href = data.href("team", team)
        anchor = f"plan-{quarter['fiscal_quarter'].lower()}-{data.slugs['team'].get(team) or slugify(team)}"
        flags = team_flags(site, team, quarter["fiscal_quarter_index"])
        if team not in planned:
            without.append(TeamPlan(team, href, anchor, False, None, None, None, red_flags=flags))
            continue
        priorities = [_priority(fmt, r, company_targets) for r in progress if r["team"] == team]
        approver_id = plan.get("approver_id") if plan else None
        with_plan.append(TeamPlan(
            team, href, anchor, True, plan.get("approver_name") if plan else None,
            data.href("manager", approver_id) if approver_id and approver_id in data.slugs.get("manager", {}) else None,
            plan.get("approved_on") if plan else None, priorities=priorities,
            drops=[Drop(r["product_line"], data.href("product", r["product_line"]),
                        share_target(r["max_share"]), fmt.pct(r.get("actual_share")),
                        r.get("met")) for r in drops if r["team"] == team],
            met=sum(1 for p in priorities if p.met), measured=sum(1 for p in priorities if p.met is not None),
            red_flags=flags))
    order = {p["team"]: p["plan_order"] for p in data.alignment.plans.get(version_id, [])}
    with_plan.sort(key=lambda p: (order.get(p.team, len(order)), p.team))
    return with_plan, without


def _period(site: SiteRenderer, quarter: Row) -> AlignmentPeriod | None:
    """The block of one quarter; None when the quarter's version has no alignment plans."""
    data, fmt = site.data, site.fmt
    version = quarter_version(site, quarter)
    version_id = quarter.get("version_id")
    rows = data.alignment.line_of_sight.get(version_id, [])
    if not rows:
        return None
    present = {r["metric"] for r in rows if r["line_of_sight"] != "indirect"}
    objectives = [o.metric for o in (version.objectives if version else []) if o.metric in present]
    objectives += sorted(present - set(objectives))
    company_targets = {r["metric"]: target_text(fmt, r["company_target"], r["metric"])
                       for r in rows if r["line_of_sight"] != "indirect"}
    grid = []
    for team in sorted({r["team"] for r in rows}):
        mine = {r["metric"]: r for r in rows if r["team"] == team}
        cells = []
        for name in objectives:
            r = mine.get(name)
            code = r["line_of_sight"] if r else "no_plan"
            cells.append(Cell(code, LINE_OF_SIGHT.get(code, code),
                              target_text(fmt, r["team_target"], name) if r and r.get("team_target") is not None
                              else ""))
        indirect = [f"{metric(r['metric']).label} {target_text(fmt, r['team_target'], r['metric'])}"
                    for r in rows if r["team"] == team and r["line_of_sight"] == "indirect"]
        grid.append(GridRow(team, data.href("team", team), cells, indirect))
    by_metric = {r["metric"]: r for r in data.alignment.rollup.get(version_id, [])}
    rollup = []
    for name in [n for n in objectives if n in by_metric]:
        r = by_metric[name]
        adds_up, sentence = verdict(fmt, r)
        gap = to_float(r.get("plan_gap"))
        rollup.append(Rollup(name, company_targets.get(name, DASH), fmt.metric(r.get("implied_target"), name),
                             DASH if gap is None else (fmt.delta(gap, name) or DASH), adds_up, sentence))
    plans, without = team_plans(site, quarter, version_id)
    return AlignmentPeriod(
        quarter=quarter["fiscal_quarter"], version=version, version_id=version_id, objectives=objectives,
        company_targets=company_targets, grid=grid, has_indirect=any(g.indirect for g in grid), rollup=rollup,
        plans=plans, without_plan=without, short=sum(1 for r in rollup if r.adds_up is False))


def write_alignment_page(site: SiteRenderer) -> None:
    """The page "Alignment plans"; none from a warehouse without alignment plans."""
    if not site.data.alignment.available:
        return
    blocks = quarter_blocks(site, lambda q: _period(site, q))
    site.write(ALIGNMENT_PAGE, "alignment.md.j2", blocks=blocks, line_of_sight=LINE_OF_SIGHT)


@dataclass(frozen=True)
class ManagerPlans:
    """The plans of the teams under a manager, for the manager's page: the as-of quarter's version."""

    quarter: str
    version: Version | None
    plans: list[TeamPlan]
    without_plan: list[TeamPlan]


def manager_plans(site: SiteRenderer, manager_id: Any) -> ManagerPlans | None:
    """The plans of the teams of the sellers under a manager in the as-of quarter; None when the quarter's version
    has no plans or no team under the manager has sellers in the line of sight."""
    data = site.data
    teams = set(data.alignment.manager_teams.get(manager_id, []))
    quarter = data.company_row
    version_id = quarter.get("version_id")
    if not teams or not data.alignment.line_of_sight.get(version_id):
        return None
    plans, without = team_plans(site, quarter, version_id)
    plans, without = [p for p in plans if p.team in teams], [p for p in without if p.team in teams]
    if not plans and not without:
        return None
    return ManagerPlans(data.asof.quarter, quarter_version(site, quarter), plans, without)
