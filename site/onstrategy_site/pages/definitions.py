"""The metric definitions page: every metric of the metric set, then the other documented ones."""

from __future__ import annotations

from onstrategy_site.metrics import METRIC_SET
from onstrategy_site.render import SiteRenderer


def write_definitions(site: SiteRenderer) -> None:
    defs = site.definitions
    extra = [n for n in defs.by_metric if n not in METRIC_SET]
    site.write("definitions.md", "definitions.md.j2", names=METRIC_SET, extra=extra, note=defs.note)
