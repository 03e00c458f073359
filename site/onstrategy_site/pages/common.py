"""Helpers several pages share: KPI tiles, the strategy's objective targets, links one folder down."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from onstrategy.strategy.schema import UNMAPPED, Version
from onstrategy_site.charts.palette import MUTED, product_hue
from onstrategy_site.charts.spark import SPARK_QUARTERS, sparkline
from onstrategy_site.collect import Row
from onstrategy_site.formatting import to_float
from onstrategy_site.metrics import metric
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Tile

# what a page shows of a rep whatever the period (name, team, links), beside the period's row of metrics
REP_FIELDS = ("rep_id", "rep_name", "team", "is_active", "_href", "_team_href")


def rep_fields(rep: Row) -> Row:
    """A row of `SiteData.reps` reduced to REP_FIELDS."""
    return {k: rep.get(k) for k in REP_FIELDS}


def up(href: str | None) -> str | None:
    """A site-root-relative link as seen from a page one folder down."""
    return "../" + href if href else None


def tile(row: Row | None, name: str, **kw: Any) -> Tile:
    """The tile of a metric: its value in `row` with the change vs the previous quarter."""
    row = row or {}
    return Tile(name=name, value=row.get(name), delta=row.get(f"d_{name}"),
                rel=row.get("rel_bookings_amount") if name == "bookings_amount" else None, **kw)


def objective_target(version: Version | None, name: str) -> float | None:
    """The target a strategy version sets for a metric, if it has that objective."""
    return next((to_float(o.target) for o in (version.objectives if version else []) if o.metric == name), None)


def objective_targets(site: SiteRenderer, name: str) -> list[float | None]:
    """Target of an objective per quarter of the quarter axis (by the strategy version of the quarter)."""
    strategy = site.strategy
    by_quarter = {r["fiscal_quarter"]: r for r in site.data.company}
    return [objective_target(strategy.version_by_id(by_quarter[q].get("version_id")) or strategy.versions[-1], name)
            for q in site.data.quarter_axis()]


def kpi_tiles(site: SiteRenderer, row: Row | None, names: list[str], history: list[Row] | None = None,
              quarter: Row | None = None) -> list[Tile]:
    """Tiles of metrics with the targets of `quarter` (a company row; the as-of quarter by default), and a
    sparkline of `history` (rows by quarter) up to that quarter."""
    quarter = quarter or site.data.company_row
    version = quarter_version(site, quarter)
    versus = quarter.get("prev_quarter")
    return [tile(row, n, target=objective_target(version, n), versus=versus,
                 spark=spark(site, history, n, quarter) if history is not None else None) for n in names]


def year_tiles(site: SiteRenderer, row: Row | None, names: list[str]) -> list[Tile]:
    """Tiles of a fiscal year's row with the targets of the year's version; no change and no sparkline (a year
    to date has no comparable period before it on this site)."""
    if row is None:
        return []
    version = site.strategy.version_by_id(row.get("version_id"))
    return [tile(row, n, target=objective_target(version, n), compare=False) for n in names]


def quarter_version(site: SiteRenderer, quarter: Row) -> Version | None:
    """The strategy version that judges a quarter (its company row's version)."""
    if quarter.get("fiscal_quarter_index") == site.data.asof.index:
        return site.data.asof.version
    return site.strategy.version_by_id(quarter.get("version_id"))


def spark(site: SiteRenderer, history: list[Row], name: str, quarter: Row | None = None) -> Markup | None:
    """The sparkline of a metric over the last quarters of the quarter axis up to `quarter` (default the as-of
    one), with the target of its objective in that quarter."""
    quarter = quarter or site.data.company_row
    axis = site.data.quarter_axis()
    end = axis.index(quarter["fiscal_quarter"]) + 1 if quarter["fiscal_quarter"] in axis else len(axis)
    start = max(0, end - SPARK_QUARTERS)
    values = site.data.series_for(history, name)[start:end]
    kind = metric(name).kind
    return sparkline(axis[start:end], values, lambda v: site.fmt.value(v, kind, True),
                     target=objective_target(quarter_version(site, quarter), name),
                     min_span=SPARK_MIN_SPAN.get(kind, 0.0))


@dataclass(frozen=True)
class PeriodBlock:
    """What a page shows for one period of the selector: a quarter, or the fiscal year to date."""

    key: str  # the period's label (data-period): a quarter, or a fiscal year to date
    label: str  # what the selector shows
    caption: str  # the period, the quarter its deltas compare with, the version that judges it
    content: Any
    default: bool  # the as-of quarter: shown without JavaScript


def quarter_blocks(site: SiteRenderer, make: Callable[[Row], Any],
                   make_year: Callable[[Row], Any] | None = None) -> list[PeriodBlock]:
    """One block per quarter the selector offers, `make` called with the quarter's company row; with `make_year`,
    a last block for the as-of quarter's fiscal year to date, made from the company's year row."""
    blocks = []
    for quarter in site.data.period_quarters():
        version = quarter_version(site, quarter)
        parts = [quarter["fiscal_quarter"]]
        if quarter.get("prev_quarter"):
            parts.append(f"deltas vs {quarter['prev_quarter']}")
        if version:
            parts.append(f"targets of the {version.name}")
        blocks.append(PeriodBlock(quarter["fiscal_quarter"], quarter["fiscal_quarter"], " · ".join(parts),
                                  make(quarter), quarter["fiscal_quarter_index"] == site.data.asof.index))
    year = site.data.company_year
    if make_year is not None and year is not None:
        blocks.append(PeriodBlock(str(year["fiscal_year"]), f"{year['fiscal_year']} to date", year_caption(site, year),
                                  make_year(year), False))
    return blocks


# The rows an index page pre-renders over all its periods at most: beyond them (a very large sales team) the page
# keeps the as-of quarter only, so it stays a few megabytes (docs/decisions.md, "Periods pre-rendered").
PERIOD_TABLE_ROWS = 20_000


def within_period_budget(blocks: list[PeriodBlock], rows_per_block: int) -> list[PeriodBlock]:
    """`blocks`, or only the default one when pre-rendering them all would exceed PERIOD_TABLE_ROWS rows."""
    if rows_per_block * len(blocks) <= PERIOD_TABLE_ROWS:
        return blocks
    return [b for b in blocks if b.default]


def year_caption(site: SiteRenderer, year: Row) -> str:
    """What a fiscal-year-to-date block covers and what judges it."""
    version = site.strategy.version_by_id(year.get("version_id"))
    parts = [f"{year['fiscal_year']} to date, data through {site.data.asof.as_of_date.isoformat()}",
             "no comparison (a year to date is not comparable with a whole year)"]
    if version:
        parts.append(f"targets of the {version.name}")
    return " · ".join(parts)


# the smallest range a sparkline's scale spans, by metric kind: ten points of a share or a score
SPARK_MIN_SPAN = {"share": 0.1, "score1": 0.1, "score100": 10.0}


def version_markers(site: SiteRenderer) -> list[tuple[int, str]]:
    """Where a trend chart marks that a new strategy version starts judging the quarters, with its name."""
    out = []
    for position, version_id in site.data.version_starts():
        version = site.strategy.version_by_id(version_id)
        out.append((position, f"{version.name} starts" if version else "new strategy version"))
    return out


def first_year_note(site: SiteRenderer) -> str:
    """Why a growth-motion chart leaves out the first year of bookings (empty when it leaves out none)."""
    young = [q for q in site.data.first_year_quarters() if q in site.data.quarter_axis()]
    if not young:
        return ""
    span = young[0] if len(young) == 1 else f"{young[0]} to {young[-1]}"
    return (f"{span} left out: in the first year of the data every account's first win counts as a new logo, "
            "though it may have bought before the data starts.")


def line_colors(site: SiteRenderer) -> dict[str, int]:
    """One colour per product line (its os-sN class), the same on every chart that shows lines: the hues in the
    order of the names, and the grey of "no category" for Unmapped (bookings of no product line)."""
    names = sorted(str(n) for n in site.data.grain_rows["product"])
    colors = {name: product_hue(i) for i, name in enumerate(n for n in names if n != UNMAPPED)}
    return {**colors, UNMAPPED: MUTED} if UNMAPPED in names else colors
