"""The metric set as the site shows it, derived from the metric registry (`onstrategy.metrics`).

The values always come from the marts and the definitions from the dbt doc blocks; labels, number formats and which
direction is good come from the registry. This module adds only what is about showing them.
"""

from __future__ import annotations

from onstrategy.metrics import BY_NAME as METRICS
from onstrategy.metrics import DEFAULT_RED_FLAGS, METRIC_SET, RED_FLAG_NAMES, Metric, metric

__all__ = ["DELTA_METRICS", "GROWTH_MOTIONS", "METRICS", "METRIC_SET", "RED_FLAG_METRICS", "Metric", "metric"]

# numeric metrics with a quarter-over-quarter delta (computed in SQL, see queries/)
DELTA_METRICS = [name for name in METRIC_SET if metric(name).kind != "flags"]

# The red flags every version has, by the metric each watches.
RED_FLAG_METRICS = {flag: RED_FLAG_NAMES[flag] for flag in DEFAULT_RED_FLAGS}

# The growth motions in the stacked charts, with the short label of their legend.
GROWTH_MOTIONS = [("new_logo_share", "New logo"), ("cross_sell_share", "Cross-sell"),
                  ("new_persona_share", "New persona"), ("expansion_share", "Expansion")]
