{#-
  The one place each strategy-adherence metric is computed (SPEC "Metric definitions"). Every mart selects metrics
  through `metric_sql(name)`; the human definitions live in models/marts/metrics.md (doc blocks of the same names).
  Shares are amount-weighted and NULL when the group has no bookings (never 0, never a division error).
-#}

{#- Metrics that objectives and red flags may name; mirrors onstrategy.strategy.metrics.METRICS. -#}
{% macro objective_metrics() -%}
    {{ return(['on_strategy_share', 'icp_share', 'new_logo_share', 'cross_sell_share', 'new_persona_share',
               'strategic_product_share', 'target_persona_share', 'icp_customer_share', 'icp_activity_share',
               'icp_time_share', 'icp_pipeline_share', 'product_balance_score']) }}
{%- endmacro %}

{% macro amount_share(condition, amount='amount') -%}
    {{ onstrategy.exact_sum('case when ' ~ condition ~ ' then ' ~ amount ~ ' else 0 end') }} / nullif({{ onstrategy.exact_sum(amount) }}, 0)
{%- endmacro %}

{% macro metric_sql(name) -%}
    {%- set definitions = {
        'bookings_amount': 'coalesce(' ~ onstrategy.exact_sum('amount') ~ ', 0)',
        'on_strategy_share': onstrategy.amount_share('is_on_strategy'),
        'icp_share': onstrategy.amount_share('is_icp'),
        'new_logo_share': onstrategy.amount_share("growth_motion = 'new_logo'"),
        'cross_sell_share': onstrategy.amount_share("growth_motion = 'cross_sell'"),
        'new_persona_share': onstrategy.amount_share("growth_motion = 'new_persona'"),
        'expansion_share': onstrategy.amount_share("growth_motion = 'expansion'"),
        'strategic_product_share': onstrategy.amount_share('is_strategic_product'),
        'target_persona_share': onstrategy.amount_share('is_target_persona'),
        'icp_customer_share': 'cast(count(distinct case when is_icp then account_id end) as ' ~ onstrategy.type_double() ~ ') / nullif(count(distinct account_id), 0)',
        'booking_lines': 'count(*)',
        'opportunities_won': 'count(distinct opportunity_id)',
        'accounts_won': 'count(distinct account_id)',
        'reps_selling': 'count(distinct rep_id)',
        'activities': 'count(*)',
        'icp_activity_share': 'cast(count(case when is_icp then 1 end) as ' ~ onstrategy.type_double() ~ ') / nullif(count(account_id), 0)',
        'event_minutes': "sum(case when activity_type = 'event' then duration_minutes end)",
        'icp_time_share': "sum(case when activity_type = 'event' and is_icp then duration_minutes else 0 end) / nullif(sum(case when activity_type = 'event' and account_id is not null then duration_minutes end), 0)",
        'pipeline_created_amount': 'coalesce(' ~ onstrategy.exact_sum('amount') ~ ', 0)',
        'icp_pipeline_share': onstrategy.amount_share('is_icp'),
    } -%}
    {%- if name not in definitions -%}
        {{ exceptions.raise_compiler_error("unknown metric " ~ name) }}
    {%- endif -%}
    {{ return(definitions[name]) }}
{%- endmacro %}

{% macro select_metrics(names) -%}
    {%- for name in names %}
    {{ onstrategy.metric_sql(name) }} as {{ name }}{{ "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}
