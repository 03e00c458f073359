"""The metric set as the site shows it, derived from the metric registry (`onstrategy.metrics`).

The values always come from the marts and the definitions from the dbt doc blocks; labels, number formats and which
direction is good come from the registry. This module adds only what is about showing them, and the columns of the
strategy-credit mart (`fct_strategy_credit_by_rep`, SPEC "Strategy credit and quota") are registry entries of
their own source (`credit`), outside the adherence metric set.
"""

from __future__ import annotations

from onstrategy.metrics import BY_NAME as METRICS
from onstrategy.metrics import CREDIT, CREDIT_PREDICATE_WORDS, DEFAULT_RED_FLAGS, METRIC_SET, RED_FLAG_NAMES, Metric
from onstrategy.metrics import METRICS as ALL_METRICS
from onstrategy.metrics import metric as registry_metric

__all__ = ["CREDIT_METRICS", "CREDIT_PREDICATE_WORDS", "DELTA_METRICS", "GROWTH_MOTIONS", "METRICS", "METRIC_SET",
           "OFF_STRATEGY_SHARES", "RED_FLAG_METRICS", "RED_FLAG_NAMES", "Metric", "metric"]

# numeric metrics with a quarter-over-quarter delta (computed in SQL, see queries/)
DELTA_METRICS = [name for name in METRIC_SET if registry_metric(name).kind != "flags"]

# The red flags every version has, by the metric each watches.
RED_FLAG_METRICS = {flag: RED_FLAG_NAMES[flag] for flag in DEFAULT_RED_FLAGS}

# The growth motions in the stacked charts, with the short label of their legend.
GROWTH_MOTIONS = [("new_logo_share", "New logo"), ("cross_sell_share", "Cross-sell"),
                  ("new_persona_share", "New persona"), ("expansion_share", "Expansion")]

# Off-strategy business by status (SPEC "Justified off-strategy business"): with on_strategy_share a partition of
# the bookings, then where the selling time went.
OFF_STRATEGY_SHARES = ["justified_off_strategy_share", "easy_off_strategy_share", "unjustified_off_strategy_share",
                       "off_strategy_effort_share"]

# The columns of fct_strategy_credit_by_rep the site shows (the registry's `credit` source).
CREDIT_METRICS: dict[str, Metric] = {m.name: m for m in ALL_METRICS if m.source == CREDIT}


def metric(name: str) -> Metric:
    """The registered metric (a strategy-credit column too), or a plain one for a column it does not know."""
    return registry_metric(name)
