{#- Generated from orchestration/onstrategy/metrics.py by `make generate`: do not edit.
    What the dbt macros know of each metric: its source (bookings, activities, pipeline, balance, ...), the
    booking-line condition of an amount-weighted share (`share_of`, from which metric_sql writes its SQL) and
    whether it is 0 rather than NULL for a group without any; objective_metrics() names the objectives. -#}

{% macro metric_registry() -%}
    {{ return({
        "bookings_amount": {"source": "bookings", "share_of": none, "not_null": true},
        "booking_lines": {"source": "bookings", "share_of": none, "not_null": true},
        "opportunities_won": {"source": "bookings", "share_of": none, "not_null": true},
        "accounts_won": {"source": "bookings", "share_of": none, "not_null": true},
        "reps_selling": {"source": "bookings", "share_of": none, "not_null": true},
        "on_strategy_share": {"source": "bookings", "share_of": "is_on_strategy", "not_null": false},
        "icp_share": {"source": "bookings", "share_of": "is_icp", "not_null": false},
        "new_logo_share": {"source": "bookings", "share_of": "growth_motion = 'new_logo'", "not_null": false},
        "cross_sell_share": {"source": "bookings", "share_of": "growth_motion = 'cross_sell'", "not_null": false},
        "new_persona_share": {"source": "bookings", "share_of": "growth_motion = 'new_persona'", "not_null": false},
        "expansion_share": {"source": "bookings", "share_of": "growth_motion = 'expansion'", "not_null": false},
        "strategic_product_share": {"source": "bookings", "share_of": "is_strategic_product", "not_null": false},
        "target_persona_share": {"source": "bookings", "share_of": "is_target_persona", "not_null": false},
        "product_balance_score": {"source": "balance", "share_of": none, "not_null": false},
        "icp_customer_share": {"source": "bookings", "share_of": none, "not_null": false},
        "justified_off_strategy_share": {"source": "bookings", "share_of": "off_strategy_status = 'justified'", "not_null": false},
        "easy_off_strategy_share": {"source": "bookings", "share_of": "off_strategy_status = 'easy'", "not_null": false},
        "unjustified_off_strategy_share": {"source": "bookings", "share_of": "off_strategy_status = 'unjustified'", "not_null": false},
        "off_strategy_effort_share": {"source": "effort", "share_of": none, "not_null": false},
        "activities": {"source": "activities", "share_of": none, "not_null": true},
        "event_minutes": {"source": "activities", "share_of": none, "not_null": true},
        "icp_activity_share": {"source": "activities", "share_of": none, "not_null": false},
        "icp_time_share": {"source": "activities", "share_of": none, "not_null": false},
        "pipeline_created_amount": {"source": "pipeline", "share_of": none, "not_null": true},
        "icp_pipeline_share": {"source": "pipeline", "share_of": "is_icp", "not_null": false},
        "adherence_score": {"source": "adherence", "share_of": none, "not_null": false},
        "red_flags": {"source": "adherence", "share_of": none, "not_null": true},
        "red_flag_count": {"source": "adherence", "share_of": none, "not_null": true},
        "share_of_quarter": {"source": "group", "share_of": none, "not_null": false},
        "target_share": {"source": "group", "share_of": none, "not_null": false},
        "share_gap": {"source": "group", "share_of": none, "not_null": false},
        "billed_amount": {"source": "billing", "share_of": none, "not_null": false},
        "mrr": {"source": "billing", "share_of": none, "not_null": false},
        "logo_churn_rate": {"source": "billing", "share_of": none, "not_null": false},
        "net_revenue_retention": {"source": "billing", "share_of": none, "not_null": false},
        "billed_to_booked_ratio": {"source": "billing", "share_of": none, "not_null": false},
        "strategy_credit": {"source": "credit", "share_of": none, "not_null": false},
        "credit_ratio": {"source": "credit", "share_of": none, "not_null": false},
        "bookings_rank": {"source": "credit", "share_of": none, "not_null": false},
        "credit_rank": {"source": "credit", "share_of": none, "not_null": false},
        "rank_shift": {"source": "credit", "share_of": none, "not_null": false},
        "quota": {"source": "credit", "share_of": none, "not_null": false},
        "attainment": {"source": "credit", "share_of": none, "not_null": false},
        "credit_attainment": {"source": "credit", "share_of": none, "not_null": false}
    }) }}
{%- endmacro %}

{#- The metrics of one source, in the adherence marts' order. -#}
{% macro metrics_of(source) -%}
    {%- set sources = {
        "bookings": ["bookings_amount", "booking_lines", "opportunities_won", "accounts_won", "reps_selling", "on_strategy_share", "icp_share", "new_logo_share", "cross_sell_share", "new_persona_share", "expansion_share", "strategic_product_share", "target_persona_share", "icp_customer_share", "justified_off_strategy_share", "easy_off_strategy_share", "unjustified_off_strategy_share"],
        "balance": ["product_balance_score"],
        "effort": ["off_strategy_effort_share"],
        "activities": ["activities", "event_minutes", "icp_activity_share", "icp_time_share"],
        "pipeline": ["pipeline_created_amount", "icp_pipeline_share"],
        "adherence": ["adherence_score", "red_flags", "red_flag_count"],
        "group": ["share_of_quarter", "target_share", "share_gap"],
        "billing": ["billed_amount", "mrr", "logo_churn_rate", "net_revenue_retention", "billed_to_booked_ratio"],
        "credit": ["strategy_credit", "credit_ratio", "bookings_rank", "credit_rank", "rank_shift", "quota", "attainment", "credit_attainment"]
    } -%}
    {{ return(sources.get(source, [])) }}
{%- endmacro %}

{#- The metrics objectives and red flags may name (onstrategy.metrics.OBJECTIVE_METRICS). -#}
{% macro objective_metrics() -%}
    {{ return([
        "on_strategy_share", "icp_share", "new_logo_share", "cross_sell_share", "new_persona_share",
        "strategic_product_share", "target_persona_share", "product_balance_score", "icp_customer_share",
        "icp_activity_share", "icp_time_share", "icp_pipeline_share"
    ]) }}
{%- endmacro %}

{#- The metrics a red flag may watch (onstrategy.metrics.FLAGGABLE_METRICS): the objective metrics and
    those where less is better. -#}
{% macro flaggable_metrics() -%}
    {{ return([
        "on_strategy_share", "icp_share", "new_logo_share", "cross_sell_share", "new_persona_share",
        "strategic_product_share", "target_persona_share", "product_balance_score", "icp_customer_share",
        "unjustified_off_strategy_share", "off_strategy_effort_share", "icp_activity_share", "icp_time_share",
        "icp_pipeline_share"
    ]) }}
{%- endmacro %}

{#- Each credit-rule predicate and its condition on fct_bookings' columns
    (onstrategy.metrics.CREDIT_PREDICATES). -#}
{% macro credit_predicates() -%}
    {{ return({
        "not_icp": "not is_icp",
        "not_target_account": "not is_target_account",
        "deprioritized_product": "is_deprioritized_product",
        "strategic_product": "is_strategic_product",
        "new_logo": "growth_motion = 'new_logo'",
        "cross_sell": "growth_motion = 'cross_sell'",
        "new_persona": "growth_motion = 'new_persona'",
        "target_persona": "is_target_persona",
        "new_segment": "is_new_segment_sale",
        "new_product": "is_new_product"
    }) }}
{%- endmacro %}

{#- The columns `strategy_adherence` returns besides the group and quarter keys, in order. -#}
{% macro adherence_columns() -%}
    {{ return([
        "version_id", "bookings_amount", "booking_lines", "opportunities_won", "accounts_won", "reps_selling",
        "on_strategy_share", "icp_share", "new_logo_share", "cross_sell_share", "new_persona_share",
        "expansion_share", "strategic_product_share", "target_persona_share", "product_balance_score",
        "icp_customer_share", "justified_off_strategy_share", "easy_off_strategy_share",
        "unjustified_off_strategy_share", "off_strategy_effort_share", "activities", "event_minutes",
        "icp_activity_share", "icp_time_share", "pipeline_created_amount", "icp_pipeline_share", "adherence_score",
        "red_flags", "red_flag_count"
    ]) }}
{%- endmacro %}

{#- The metrics of a booking-group mart (segment, persona, product) in column order; with `source`, only
    those of that source. -#}
{% macro group_mart_metrics(mart, source=none) -%}
    {%- set marts = {
        "segment": ["on_strategy_share", "new_logo_share", "cross_sell_share", "new_persona_share", "expansion_share", "strategic_product_share", "target_persona_share", "product_balance_score"],
        "persona": ["on_strategy_share", "icp_share", "new_logo_share", "cross_sell_share", "strategic_product_share", "product_balance_score"],
        "product": ["on_strategy_share", "icp_share", "new_logo_share", "cross_sell_share", "new_persona_share", "target_persona_share"]
    } -%}
    {%- if source is none -%}
        {{ return(marts[mart]) }}
    {%- endif -%}
    {{ return(marts[mart] | select('in', onstrategy.metrics_of(source)) | list) }}
{%- endmacro %}
