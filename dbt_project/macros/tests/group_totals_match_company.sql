{#-
  Rows where a grain's additive columns, summed per fiscal quarter over its groups, differ from
  fct_strategy_adherence_company (amounts within 0.01, counts exactly), or where a quarter is in only one of the
  two marts. Used by the singular tests assert_by_rep_sums_equal_company and assert_by_team_sums_equal_company.
-#}
{% macro group_totals_mismatches(group_model) -%}
    {%- set additive_columns = {
        'bookings_amount': 0.01,
        'booking_lines': 0,
        'opportunities_won': 0,
        'pipeline_created_amount': 0.01,
        'activities': 0,
        'event_minutes': 0.01,
    } -%}
    with group_totals as (
        select
            fiscal_quarter,
            {%- for column in additive_columns %}
            sum({{ column }}) as {{ column }}{{ "," if not loop.last }}
            {%- endfor %}
        from {{ ref(group_model) }}
        group by fiscal_quarter
    ),

    company as (
        select * from {{ ref('fct_strategy_adherence_company') }}
    )

    {%- for column, tolerance in additive_columns.items() %}
    select
        coalesce(group_totals.fiscal_quarter, company.fiscal_quarter) as fiscal_quarter,
        '{{ column }}' as metric,
        cast(group_totals.{{ column }} as {{ onstrategy.type_double() }}) as sum_of_groups,
        cast(company.{{ column }} as {{ onstrategy.type_double() }}) as company_value
    from group_totals
    full outer join company on company.fiscal_quarter = group_totals.fiscal_quarter
    where group_totals.fiscal_quarter is null
       or company.fiscal_quarter is null
       or abs(group_totals.{{ column }} - company.{{ column }}) > {{ tolerance }}
    {{ "union all" if not loop.last }}
    {%- endfor %}
{%- endmacro %}
