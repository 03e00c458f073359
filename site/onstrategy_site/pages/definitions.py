"""The metric definitions page: every metric of the metric set, the strategy-credit columns, then the other
documented ones."""

from __future__ import annotations

from onstrategy_site.metrics import CREDIT_METRICS, METRIC_SET
from onstrategy_site.render import SiteRenderer


def write_definitions(site: SiteRenderer) -> None:
    defs = site.definitions
    credit = [n for n in CREDIT_METRICS if n in defs.by_metric]
    extra = [n for n in defs.by_metric if n not in METRIC_SET and n not in CREDIT_METRICS]
    site.write("definitions.md", "definitions.md.j2", names=METRIC_SET, credit=credit, extra=extra, note=defs.note,
               credit_page=site.data.credit.available)
