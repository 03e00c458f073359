"""The metric registry: the one list of metrics, which every layer derives from.

Each entry says what a metric is called, how it is shown and judged, where its value comes from, and whether a
strategy may set it as an objective or a red flag. From it:
- the strategy schema takes the metrics objectives and red flags may name (`OBJECTIVE_METRICS`);
- dbt gets a generated macro file (`dbt_project/macros/metrics/registry.sql`, `make generate`): the adherence marts'
  columns, each metric's source, the objective metrics, the booking-group marts' metrics, and the booking-line
  condition of every amount-weighted share, from which `metric_sql` writes its SQL;
- the adherence marts' YAML gets its metric columns, and the semantic layer its share measures and ratio metrics,
  in generated blocks of those files;
- the site takes labels, number formats and which direction is better.
The SQL of a metric that is not an amount-weighted share lives once, in `metric_sql`
(dbt_project/macros/metrics/definitions.sql); its definition for people once, in the doc block of its name
(models/marts/metrics.md). tests/unit/test_metric_registry.py fails when a layer disagrees with this list.
"""

from __future__ import annotations

from dataclasses import dataclass

# Where a metric's value comes from.
BOOKINGS, ACTIVITIES, PIPELINE = "bookings", "activities", "pipeline"  # aggregates of one fact table
BALANCE = "balance"  # product_balance_score: the group's mix against the version's target mix
ADHERENCE = "adherence"  # the objectives' weighted attainment and the breached red flags
GROUP = "group"  # columns of the booking-group marts (a group's share of the quarter, its target)
BILLING = "billing"  # billing outcomes (Stripe)
EFFORT = "effort"  # aggregates of the won opportunities' effort (int_won_opportunity_effort)
CREDIT = "credit"  # columns of the strategy-credit mart (fct_strategy_credit_by_rep), beside the adherence metrics
ADHERENCE_SOURCES = (BOOKINGS, BALANCE, EFFORT, ACTIVITIES, PIPELINE, ADHERENCE)
# The booking-group marts (fct_strategy_adherence_by_<mart>) and their key columns.
GROUP_MARTS = {"segment": "segment", "persona": "persona", "product": "product_line"}
RED_FLAG_SUFFIX = "_below"  # a flag on a metric where up is better: raised when the value is below the threshold
RED_FLAG_SUFFIX_ABOVE = "_above"  # a flag on a metric where down is better: raised when the value is above it


@dataclass(frozen=True)
class Metric:
    name: str
    label: str
    kind: str  # how it is shown: money | share | score1 | score100 | count | flags | pp
    better: str  # which direction is good: up | down | none
    source: str
    objective: bool = False  # a strategy may set it as an objective or a red-flag threshold
    red_flag: bool = False  # a strategy may set a red-flag threshold on it (objectives always may)
    share_of: str | None = None  # booking-line condition of an amount-weighted share: sum(amount where it) / sum
    share_phrase: str = ""  # what `share_of` means, in words: "Share of bookings <phrase>"
    not_null: bool = False  # 0 (never NULL) for a group without any: amounts and counts
    group_marts: tuple[str, ...] = ()  # the booking-group marts that also show it
    in_metric_set: bool = True  # one of the adherence marts' metrics documented on the definitions page
    red_flag_default: float | None = None  # a red flag every version has unless it sets its own threshold
    column_type: str = ""  # the mart column's type, when not the kind's (event minutes are summed durations)

    @property
    def in_adherence_marts(self) -> bool:
        return self.source in ADHERENCE_SOURCES

    @property
    def flaggable(self) -> bool:
        """Whether a red flag may watch it."""
        return self.objective or self.red_flag

    @property
    def red_flag_name(self) -> str:
        """`<metric>_below` where up is better, `<metric>_above` where down is better."""
        return self.name + (RED_FLAG_SUFFIX_ABOVE if self.better == "down" else RED_FLAG_SUFFIX)

    @property
    def data_type(self) -> str:
        """The type of its mart columns (the marts' enforced contracts, models/marts/_marts__adherence.yml)."""
        return self.column_type or COLUMN_TYPE_OF_KIND[self.kind]


# The DuckDB type of a metric's mart columns, by kind: every amount, share and score is a double.
COLUMN_TYPE_OF_KIND = {"money": "double", "share": "double", "score1": "double", "score100": "double",
                       "pp": "double", "count": "bigint", "flags": "varchar", "ratio": "double", "rank": "bigint"}

_ALL_GROUPS = ("segment", "persona", "product")

# In the adherence marts' column order.
METRICS: tuple[Metric, ...] = (
    Metric("bookings_amount", "Bookings", "money", "up", BOOKINGS, not_null=True),
    Metric("booking_lines", "Booking lines", "count", "none", BOOKINGS, not_null=True, in_metric_set=False),
    Metric("opportunities_won", "Opportunities won", "count", "none", BOOKINGS, not_null=True, in_metric_set=False),
    Metric("accounts_won", "Accounts won", "count", "none", BOOKINGS, not_null=True, in_metric_set=False),
    Metric("reps_selling", "Reps selling", "count", "none", BOOKINGS, not_null=True, in_metric_set=False),
    Metric("on_strategy_share", "On-strategy share", "share", "up", BOOKINGS, objective=True,
           share_of="is_on_strategy",
           share_phrase="on ICP accounts in product lines that are not deprioritized",
           group_marts=_ALL_GROUPS, red_flag_default=0.30),
    Metric("icp_share", "ICP share", "share", "up", BOOKINGS, objective=True,
           share_of="is_icp", share_phrase="on ICP accounts",
           group_marts=("persona", "product")),
    Metric("new_logo_share", "New-logo share", "share", "up", BOOKINGS, objective=True,
           share_of="growth_motion = 'new_logo'", share_phrase="with growth motion new_logo",
           group_marts=_ALL_GROUPS),
    Metric("cross_sell_share", "Cross-sell share", "share", "up", BOOKINGS, objective=True,
           share_of="growth_motion = 'cross_sell'", share_phrase="with growth motion cross_sell",
           group_marts=_ALL_GROUPS),
    Metric("new_persona_share", "New-persona share", "share", "up", BOOKINGS, objective=True,
           share_of="growth_motion = 'new_persona'", share_phrase="with growth motion new_persona",
           group_marts=("segment", "product")),
    Metric("expansion_share", "Expansion share", "share", "none", BOOKINGS,
           share_of="growth_motion = 'expansion'", share_phrase="with growth motion expansion",
           group_marts=("segment",)),
    Metric("strategic_product_share", "Strategic-product share", "share", "up", BOOKINGS, objective=True,
           share_of="is_strategic_product", share_phrase="in strategic product lines",
           group_marts=("segment", "persona")),
    Metric("target_persona_share", "Target-persona share", "share", "up", BOOKINGS, objective=True,
           share_of="is_target_persona", share_phrase="whose buyer persona is a target persona",
           group_marts=("segment", "product")),
    Metric("product_balance_score", "Product balance", "score1", "up", BALANCE, objective=True,
           group_marts=("segment", "persona")),
    Metric("icp_customer_share", "ICP customer share", "share", "up", BOOKINGS, objective=True,
           red_flag_default=0.25),
    # off-strategy business by status (SPEC "Justified off-strategy business"): with on_strategy_share, a partition
    Metric("justified_off_strategy_share", "Justified off-strategy share", "share", "none", BOOKINGS,
           share_of="off_strategy_status = 'justified'",
           share_phrase="off strategy under an approved exception"),
    Metric("easy_off_strategy_share", "Easy off-strategy share", "share", "none", BOOKINGS,
           share_of="off_strategy_status = 'easy'",
           share_phrase="off strategy that took little effort (minutes per $1k at most the quarter's p25)"),
    Metric("unjustified_off_strategy_share", "Unjustified off-strategy share", "share", "down", BOOKINGS,
           red_flag=True, share_of="off_strategy_status = 'unjustified'",
           share_phrase="off strategy with neither an exception nor low effort", red_flag_default=0.25),
    Metric("off_strategy_effort_share", "Off-strategy effort share", "share", "down", EFFORT, red_flag=True),
    Metric("activities", "Activities", "count", "none", ACTIVITIES, not_null=True, in_metric_set=False),
    Metric("event_minutes", "Event minutes", "count", "none", ACTIVITIES, not_null=True, in_metric_set=False,
           column_type="double"),
    Metric("icp_activity_share", "ICP activity share", "share", "up", ACTIVITIES, objective=True),
    Metric("icp_time_share", "ICP time share", "share", "up", ACTIVITIES, objective=True, red_flag_default=0.3333),
    Metric("pipeline_created_amount", "Pipeline created", "money", "up", PIPELINE, not_null=True),
    Metric("icp_pipeline_share", "ICP pipeline share", "share", "up", PIPELINE, objective=True, share_of="is_icp",
           share_phrase="on ICP accounts"),
    Metric("adherence_score", "Adherence score", "score100", "up", ADHERENCE),
    Metric("red_flags", "Red flags", "flags", "down", ADHERENCE, not_null=True),
    Metric("red_flag_count", "Red-flag count", "count", "down", ADHERENCE, not_null=True),
    # columns of the booking-group marts
    Metric("share_of_quarter", "Share of quarter", "share", "none", GROUP, in_metric_set=False),
    Metric("target_share", "Target share", "share", "none", GROUP, in_metric_set=False),
    Metric("share_gap", "Gap to target", "pp", "none", GROUP, in_metric_set=False),
    # billing outcomes (Stripe); their definitions are the doc blocks of models/marts/billing.md
    Metric("billed_amount", "Billed revenue", "money", "up", BILLING, in_metric_set=False),
    Metric("mrr", "MRR", "money", "up", BILLING, in_metric_set=False),
    Metric("logo_churn_rate", "Logo churn rate", "share", "down", BILLING, in_metric_set=False),
    Metric("net_revenue_retention", "Net revenue retention", "share", "up", BILLING, in_metric_set=False),
    Metric("billed_to_booked_ratio", "Billed per booked", "score1", "up", BILLING, in_metric_set=False),
    # strategy credit (SPEC "Strategy credit and quota"); their definitions are the doc block of the same name or
    # the column descriptions of models/marts/_marts__credit.yml
    Metric("strategy_credit", "Strategy credit", "money", "up", CREDIT, in_metric_set=False),
    Metric("credit_ratio", "Credit ratio", "ratio", "up", CREDIT, in_metric_set=False),
    Metric("bookings_rank", "Bookings rank", "rank", "none", CREDIT, in_metric_set=False),
    Metric("credit_rank", "Credit rank", "rank", "none", CREDIT, in_metric_set=False),
    Metric("rank_shift", "Rank shift", "count", "up", CREDIT, in_metric_set=False),
    Metric("quota", "Quota", "money", "none", CREDIT, in_metric_set=False),
    Metric("attainment", "Attainment", "share", "up", CREDIT, in_metric_set=False),
    Metric("credit_attainment", "Credit attainment", "share", "up", CREDIT, in_metric_set=False),
)

# The predicates of strategy credit rules (SPEC "Strategy credit and quota") and the booking-line condition each
# names, on the columns of fct_bookings.
CREDIT_PREDICATES: dict[str, str] = {
    "not_icp": "not is_icp",
    "not_target_account": "not is_target_account",
    "deprioritized_product": "is_deprioritized_product",
    "strategic_product": "is_strategic_product",
    "new_logo": "growth_motion = 'new_logo'",
    "cross_sell": "growth_motion = 'cross_sell'",
    "new_persona": "growth_motion = 'new_persona'",
    "target_persona": "is_target_persona",
    "new_segment": "is_new_segment_sale",
    "new_product": "is_new_product",
}
# What each predicate means, in words (the site's tables of the credit rules in force).
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
assert set(CREDIT_PREDICATE_WORDS) == set(CREDIT_PREDICATES), "every credit predicate needs its words"

BY_NAME: dict[str, Metric] = {m.name: m for m in METRICS}
OBJECTIVE_METRICS: tuple[str, ...] = tuple(m.name for m in METRICS if m.objective)
# The metrics a red flag may watch: every objective metric, and those where less is better.
FLAGGABLE_METRICS: tuple[str, ...] = tuple(m.name for m in METRICS if m.flaggable)
# Each red flag a strategy may set, by the metric it watches.
RED_FLAG_NAMES: dict[str, str] = {m.red_flag_name: m.name for m in METRICS if m.flaggable}
# The columns of the rep, team and company adherence marts after their keys (fiscal quarter and group).
ADHERENCE_COLUMNS: tuple[str, ...] = ("version_id", *(m.name for m in METRICS if m.in_adherence_marts))
# The metric set of Contract 4 (docs/architecture.md) and the site's definitions page, in order.
METRIC_SET: tuple[str, ...] = tuple(m.name for m in METRICS if m.in_adherence_marts and m.in_metric_set)
DEFAULT_RED_FLAGS: dict[str, float] = {m.red_flag_name: m.red_flag_default for m in METRICS
                                       if m.red_flag_default is not None}


def group_mart_metrics(mart: str) -> tuple[str, ...]:
    """The metrics of one booking-group mart (`segment`, `persona`, `product`), in registry order."""
    return tuple(m.name for m in METRICS if mart in m.group_marts)


def metric(name: str) -> Metric:
    """The registered metric, or a plain one for a column the registry does not know (shown as a number)."""
    return BY_NAME.get(name) or Metric(name, name.replace("_", " ").capitalize(), "number", "none", "")
