"""The metric set as the site shows it, derived from the metric registry (`onstrategy.metrics`).

The values always come from the marts and the definitions from the dbt doc blocks; labels, number formats and which
direction is good come from the registry. This module adds only what is about showing them, and the columns of the
strategy-credit mart (`fct_strategy_credit_by_rep`, SPEC "Strategy credit and quota"), which are not adherence
metrics and so not in the registry: `metric` knows them too.
"""

from __future__ import annotations

from onstrategy.metrics import BY_NAME as METRICS
from onstrategy.metrics import DEFAULT_RED_FLAGS, METRIC_SET, RED_FLAG_NAMES, Metric
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

CREDIT = "credit"  # the source of the strategy-credit columns: fct_strategy_credit_by_rep
# The columns of fct_strategy_credit_by_rep the site shows; their definitions are the mart's column descriptions
# (models/marts/_marts__credit.yml) or the doc block of the same name (strategy_credit).
CREDIT_METRICS: dict[str, Metric] = {m.name: m for m in (
    Metric("strategy_credit", "Strategy credit", "money", "up", CREDIT, in_metric_set=False),
    Metric("credit_ratio", "Credit ratio", "ratio", "up", CREDIT, in_metric_set=False),
    Metric("bookings_rank", "Bookings rank", "rank", "none", CREDIT, in_metric_set=False),
    Metric("credit_rank", "Credit rank", "rank", "none", CREDIT, in_metric_set=False),
    Metric("rank_shift", "Rank shift", "count", "up", CREDIT, in_metric_set=False),
    Metric("quota", "Quota", "money", "none", CREDIT, in_metric_set=False),
    Metric("attainment", "Attainment", "share", "up", CREDIT, in_metric_set=False),
    Metric("credit_attainment", "Credit attainment", "share", "up", CREDIT, in_metric_set=False),
)}

# What each credit-rule predicate (onstrategy.metrics.CREDIT_PREDICATES) means, in words, for the rules tables
# (tests/unit/test_site_credit.py checks every predicate has its words).
CREDIT_PREDICATE_WORDS: dict[str, str] = {
    "not_icp": "Account outside the ideal customer profile",
    "not_target_account": "Account not on the target account list",
    "deprioritized_product": "Deprioritized product line",
    "strategic_product": "Strategic product line",
    "new_logo": "New logo (the account's first win)",
    "cross_sell": "Cross-sell (a product line the account had not bought)",
    "new_persona": "New buyer persona at the account",
    "target_persona": "Buyer persona is a target persona",
    "new_segment": "Sale into a new segment",
    "new_product": "Newly launched product line",
}


def metric(name: str) -> Metric:
    """The registered metric, a strategy-credit column, or a plain one for a column neither knows."""
    return CREDIT_METRICS.get(name) or registry_metric(name)
