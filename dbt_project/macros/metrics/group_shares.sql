{#- Bookings of one grouping (segment, persona or product line) per quarter with its share of the quarter's
    bookings and the requested metrics: the common part of the by-segment, by-persona and by-product marts. -#}
{% macro booking_group_shares(group_column, metric_names) -%}
    with group_metrics as (
        select
            fiscal_quarter_index,
            {{ group_column }},
            {{ onstrategy.select_metrics(['bookings_amount', 'reps_selling', 'accounts_won'] + metric_names) }}
        from {{ ref('fct_bookings') }}
        group by fiscal_quarter_index, {{ group_column }}
    ),

    quarter_totals as (
        select fiscal_quarter_index, {{ onstrategy.exact_sum('amount') }} as quarter_bookings_amount
        from {{ ref('fct_bookings') }}
        group by fiscal_quarter_index
    )

    select
        quarters.fiscal_quarter,
        quarters.quarter_version_id,
        group_metrics.*,
        group_metrics.bookings_amount / nullif(quarter_totals.quarter_bookings_amount, 0) as share_of_quarter
    from group_metrics
    inner join quarter_totals on quarter_totals.fiscal_quarter_index = group_metrics.fiscal_quarter_index
    inner join {{ ref('int_fiscal_quarters') }} as quarters
        on quarters.fiscal_quarter_index = group_metrics.fiscal_quarter_index
{%- endmacro %}
