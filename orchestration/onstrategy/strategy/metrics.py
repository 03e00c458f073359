"""Names of the strategy-adherence metrics that objectives and red flags may refer to (shared SPEC)."""

SHARE_METRICS: tuple[str, ...] = (
    "on_strategy_share",
    "icp_share",
    "new_logo_share",
    "cross_sell_share",
    "new_persona_share",
    "strategic_product_share",
    "target_persona_share",
    "icp_customer_share",
    "icp_activity_share",
    "icp_time_share",
    "icp_pipeline_share",
)
METRICS: tuple[str, ...] = (*SHARE_METRICS, "product_balance_score")
RED_FLAG_SUFFIX = "_below"
DEFAULT_RED_FLAGS: dict[str, float] = {
    "on_strategy_share_below": 0.30,
    "icp_customer_share_below": 0.25,
    "icp_time_share_below": 0.3333,
}
