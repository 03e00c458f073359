"""The metric set as the site shows it: labels, number formats, which direction is good, fallback definitions.

The values themselves always come from the marts; this module only says how to *show* them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    name: str
    label: str
    kind: str  # money | share | score100 | score1 | count | flags
    better: str  # up | down | none
    definition: str


METRICS: dict[str, Metric] = {m.name: m for m in [
    Metric("bookings_amount", "Bookings", "money", "up",
           "Sum of booking lines (won opportunity line items, converted to the reporting currency at close date)."),
    Metric("on_strategy_share", "On-strategy share", "share", "up",
           "Share of bookings on ICP accounts (or target accounts) in product lines that are not deprioritized."),
    Metric("icp_share", "ICP share", "share", "up", "Share of bookings on ICP or target accounts."),
    Metric("new_logo_share", "New-logo share", "share", "up",
           "Share of bookings closed on the account's first won close date."),
    Metric("cross_sell_share", "Cross-sell share", "share", "up",
           "Share of bookings in a product line the account never bought before."),
    Metric("new_persona_share", "New-persona share", "share", "up",
           "Share of bookings whose buyer persona never appeared on an earlier won deal of the account."),
    Metric("expansion_share", "Expansion share", "share", "none",
           "Share of bookings that are none of new logo, cross-sell or new persona."),
    Metric("strategic_product_share", "Strategic-product share", "share", "up",
           "Share of bookings in strategic product lines."),
    Metric("target_persona_share", "Target-persona share", "share", "up",
           "Share of bookings whose buyer persona is one of the strategy's target personas."),
    Metric("product_balance_score", "Product balance", "score1", "up",
           "1 − ½ Σ|share − target share| over the product lines of the strategy; 1 = exactly the target mix."),
    Metric("icp_customer_share", "ICP customer share", "share", "up",
           "Distinct accounts with bookings that are ICP / distinct accounts with bookings."),
    Metric("icp_activity_share", "ICP activity share", "share", "up",
           "Completed tasks and events on ICP accounts / activities with an account."),
    Metric("icp_time_share", "ICP time share", "share", "up",
           "Event minutes on ICP accounts / event minutes with an account."),
    Metric("pipeline_created_amount", "Pipeline created", "money", "up",
           "Amount of opportunities created in the quarter (converted to the reporting currency)."),
    Metric("icp_pipeline_share", "ICP pipeline share", "share", "up",
           "Share of pipeline created on ICP accounts."),
    Metric("adherence_score", "Adherence score", "score100", "up",
           "100 × weighted average of min(actual / target, 1) over the strategy's objectives with a value."),
    Metric("red_flags", "Red flags", "flags", "down", "The red-flag thresholds of the strategy that were breached."),
    Metric("red_flag_count", "Red-flag count", "count", "down", "Number of red-flag thresholds breached."),
    # columns of the grain tables
    Metric("share_of_quarter", "Share of quarter", "share", "none",
           "The group's share of the quarter's bookings."),
    Metric("target_share", "Target share", "share", "none", "The strategy's target share for the group."),
    Metric("share_gap", "Gap to target", "pp", "none", "Share of quarter minus target share."),
    Metric("reps_selling", "Reps selling", "count", "none", "Reps with bookings in the group and quarter."),
    Metric("accounts_won", "Accounts won", "count", "none", "Distinct accounts with bookings."),
    Metric("opportunities_won", "Opportunities won", "count", "none", "Distinct won opportunities."),
    Metric("booking_lines", "Booking lines", "count", "none", "Booking lines (won opportunity line items)."),
    # billing outcomes (Stripe); definitions from the dbt doc blocks of models/marts/metrics.md and billing.md
    Metric("billed_amount", "Billed revenue", "money", "up",
           "Paid Stripe invoice lines, converted to the reporting currency at the invoice date."),
    Metric("mrr", "MRR", "money", "up",
           "Monthly recurring revenue: active subscription items normalized to a month (yearly / 12, weekly × 52 / 12)"
           "."),
    Metric("logo_churn_rate", "Logo churn rate", "share", "down",
           "Customers active at quarter start with no active subscription on its last day / customers at start."),
    Metric("net_revenue_retention", "Net revenue retention", "share", "up",
           "MRR at quarter end of the customers active at its start / their MRR at the start."),
    Metric("billed_to_booked_ratio", "Billed per booked", "score1", "up",
           "Billed revenue / booked revenue of the same accounts."),
]}

# The metrics the definitions page documents (Contract 4 metric set), in order.
METRIC_SET = [
    "bookings_amount", "on_strategy_share", "icp_share", "new_logo_share", "cross_sell_share", "new_persona_share",
    "expansion_share", "strategic_product_share", "target_persona_share", "product_balance_score",
    "icp_customer_share", "icp_activity_share", "icp_time_share", "pipeline_created_amount", "icp_pipeline_share",
    "adherence_score", "red_flags", "red_flag_count",
]

# numeric metrics with a quarter-over-quarter delta (computed in SQL, see queries/)
DELTA_METRICS = [m for m in METRIC_SET if METRICS[m].kind not in ("flags",)]

RED_FLAG_METRICS = {
    "on_strategy_share_below": "on_strategy_share",
    "icp_customer_share_below": "icp_customer_share",
    "icp_time_share_below": "icp_time_share",
}

GROWTH_MOTIONS = [("new_logo_share", "New logo"), ("cross_sell_share", "Cross-sell"),
                  ("new_persona_share", "New persona"), ("expansion_share", "Expansion")]


def metric(name: str) -> Metric:
    return METRICS.get(name) or Metric(name, name.replace("_", " ").capitalize(), "number", "none", "")
