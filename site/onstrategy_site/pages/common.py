"""Helpers several pages share: KPI tiles, the strategy's objective targets, links one folder down."""

from __future__ import annotations

from typing import Any

from onstrategy.strategy.schema import Version
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
    return [objective_target(strategy.version_by_id(r.get("version_id")) or strategy.versions[-1], name)
            for r in site.data.company if r["fiscal_quarter_index"] <= site.data.asof.index]


def kpi_tiles(site: SiteRenderer, row: Row | None, names: list[str]) -> list[Tile]:
    """Tiles of metrics with the as-of quarter's targets."""
    return [tile(row, n, target=objective_target(site.data.asof.version, n)) for n in names]
