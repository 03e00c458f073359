"""Helpers several pages share: KPI tiles, the strategy's objective targets, links one folder down."""

from __future__ import annotations

from typing import Any

from onstrategy.strategy.schema import UNMAPPED, Version
from onstrategy_site.charts.palette import MUTED, product_hue
from onstrategy_site.collect import Row
from onstrategy_site.formatting import to_float
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Tile


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


def kpi_tiles(site: SiteRenderer, row: Row | None, names: list[str]) -> list[Tile]:
    """Tiles of metrics with the as-of quarter's targets."""
    return [tile(row, n, target=objective_target(site.data.asof.version, n)) for n in names]


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
