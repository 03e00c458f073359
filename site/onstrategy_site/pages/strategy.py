"""The strategy page: every version of strategy.yml, newest first, the one in force for the as-of quarter marked."""

from __future__ import annotations

from onstrategy_site.charts.palette import MUTED
from onstrategy_site.pages.common import line_colors
from onstrategy_site.render import SiteRenderer


def write_strategy(site: SiteRenderer) -> None:
    strategy, data = site.strategy, site.data
    current = data.asof.version
    versions = [(strategy.version_id(v), v) for v in reversed(strategy.versions)]
    site.write("strategy.md", "strategy.md.j2", versions=versions, strategy_file=site.strategy_file,
               current_id=strategy.version_id(current) if current else None,
               product_href={p.name: data.href("product", p.name) for _, v in versions for p in v.product_lines},
               segment_href={s.name: data.href("segment", s.name) for _, v in versions for s in v.segments},
               persona_href={n: data.href("persona", n) for _, v in versions for n in v.target_personas},
               line_color=line_colors(site), muted=MUTED)
