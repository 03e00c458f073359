{#-
  The one place each strategy-adherence metric is computed (SPEC "Metric definitions"). Every mart selects metrics
  through `metric_sql(name)`; the list of metrics is the registry (orchestration/onstrategy/metrics.py, generated
  into registry.sql), the human definitions are the doc blocks of the same names in models/marts/metrics.md.
  An amount-weighted share is written once from its registry condition (`share_of`): NULL when the group has no
  bookings (never 0, never a division error). Every other metric's SQL is below.
-#}

{% macro amount_share(condition, amount='amount') -%}
    {{ onstrategy.exact_sum('case when ' ~ condition ~ ' then ' ~ amount ~ ' else 0 end') }} / nullif({{ onstrategy.exact_sum(amount) }}, 0)
{%- endmacro %}

{% macro metric_sql(name) -%}
    {%- set definitions = {
        'bookings_amount': 'coalesce(' ~ onstrategy.exact_sum('amount') ~ ', 0)',
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
        'off_strategy_effort_share': onstrategy.exact_sum('case when has_off_strategy_line then effort_minutes else 0 end') ~ ' / nullif(' ~ onstrategy.exact_sum('effort_minutes') ~ ', 0)',
    } -%}
    {%- set share_of = onstrategy.metric_registry().get(name, {}).get('share_of') -%}
    {%- if share_of -%}
        {{ return(onstrategy.amount_share(share_of)) }}
    {%- endif -%}
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
