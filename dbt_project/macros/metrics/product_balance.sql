{#-
  product_balance_score per group and fiscal quarter (or year, by the year's version's mix): 1 - 1/2 * sum over lines |s_p - t_p|, over every line of the
  quarter's version plus Unmapped (target 0) plus any line the group booked; s_p = the group's share of its
  bookings in line p, t_p = the line's target share. 1 = exactly the target mix. Groups without bookings get none.
-#}
{% macro product_balance_scores(group_columns, period='quarter', bridge=none) -%}
    {%- set period_key = onstrategy.period_key(period) -%}
    {%- set keys = group_columns + [period_key] -%}
    {%- set targets_model = {'quarter': 'int_quarter_product_lines', 'year': 'int_year_product_lines',
                             'plan_baseline': 'int_alignment_baseline_product_lines'}[period] -%}
    with period_bookings as (
        {{ onstrategy.period_facts('fct_bookings', period, bridge=bridge) }}
    ),

    line_amounts as (
        select {{ keys | join(', ') }}, product_line, {{ onstrategy.exact_sum('amount') }} as line_amount
        from period_bookings
        group by {{ keys | join(', ') }}, product_line
    ),

    group_totals as (
        select {{ keys | join(', ') }}, {{ onstrategy.exact_sum('line_amount') }} as total_amount
        from line_amounts
        group by {{ keys | join(', ') }}
        having {{ onstrategy.exact_sum('line_amount') }} <> 0
    ),

    lines_to_compare as (
        select {{ keys | join(', ') }}, product_line from line_amounts
        union
        select {% for key in keys %}group_totals.{{ key }}, {% endfor %}targets.product_line
        from group_totals
        inner join {{ ref(targets_model) }} as targets
            on targets.{{ period_key }} = group_totals.{{ period_key }}
    )

    select
        {% for key in keys %}lines_to_compare.{{ key }}, {% endfor %}
        1 - 0.5 * {{ onstrategy.exact_sum('abs(coalesce(line_amounts.line_amount, 0) / group_totals.total_amount
                                          - coalesce(targets.target_share, 0))') }} as product_balance_score
    from lines_to_compare
    inner join group_totals
        on {% for key in keys %}group_totals.{{ key }} = lines_to_compare.{{ key }}{{ " and " if not loop.last }}{% endfor %}
    left join line_amounts
        on {% for key in keys %}line_amounts.{{ key }} = lines_to_compare.{{ key }} and {% endfor %}line_amounts.product_line = lines_to_compare.product_line
    left join {{ ref(targets_model) }} as targets
        on targets.{{ period_key }} = lines_to_compare.{{ period_key }}
        and targets.product_line = lines_to_compare.product_line
    group by {% for key in keys %}lines_to_compare.{{ key }}{{ ", " if not loop.last }}{% endfor %}
{%- endmacro %}
