{#-
  Rows where a grain's additive columns, summed per fiscal quarter (or year) over its groups, differ from the
  company mart (amounts within 0.01, counts exactly), or where a period is in only one of the two marts. Used by the
  singular tests assert_by_rep_sums_equal_company, assert_by_team_sums_equal_company and the fiscal-year ones.
-#}
{% macro group_totals_mismatches(group_model, company_model='fct_strategy_adherence_company',
                                  period_column='fiscal_quarter') -%}
    {%- set additive_columns = onstrategy.additive_metric_tolerances() -%}
    with group_totals as (
        select
            {{ period_column }},
            {%- for column in additive_columns %}
            sum({{ column }}) as {{ column }}{{ "," if not loop.last }}
            {%- endfor %}
        from {{ ref(group_model) }}
        group by {{ period_column }}
    ),

    company as (
        select * from {{ ref(company_model) }}
    )

    {%- for column, tolerance in additive_columns.items() %}
    select
        coalesce(group_totals.{{ period_column }}, company.{{ period_column }}) as period,
        '{{ column }}' as metric,
        cast(group_totals.{{ column }} as {{ onstrategy.type_double() }}) as sum_of_groups,
        cast(company.{{ column }} as {{ onstrategy.type_double() }}) as company_value
    from group_totals
    full outer join company on company.{{ period_column }} = group_totals.{{ period_column }}
    where group_totals.{{ period_column }} is null
       or company.{{ period_column }} is null
       or abs(group_totals.{{ column }} - company.{{ column }}) > {{ tolerance }}
    {{ "union all" if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#- The metrics that add up over groups and over the quarters of a year, with the tolerance of a comparison:
    amounts within a cent, counts exactly (a distinct count of accounts does not add up, so it is not here). -#}
{% macro additive_metric_tolerances() -%}
    {{ return({
        'bookings_amount': 0.01,
        'booking_lines': 0,
        'opportunities_won': 0,
        'pipeline_created_amount': 0.01,
        'activities': 0,
        'event_minutes': 0.01,
    }) }}
{%- endmacro %}

{#- Rows where a yearly mart's additive columns differ from the sum of its quarterly mart's rows of the year (per
    group of `keys`), or where a (group, year) is in only one of the two. -#}
{% macro year_totals_mismatches(year_model, quarter_model, keys) -%}
    {%- set additive_columns = onstrategy.additive_metric_tolerances() -%}
    {%- set key_columns = keys + ['fiscal_year_number'] -%}
    with quarter_sums as (
        select
            {% for key in keys %}quarter_rows.{{ key }}, {% endfor %}
            quarters.fiscal_year as fiscal_year_number,
            {%- for column in additive_columns %}
            sum(quarter_rows.{{ column }}) as {{ column }}{{ "," if not loop.last }}
            {%- endfor %}
        from {{ ref(quarter_model) }} as quarter_rows
        inner join {{ ref('int_fiscal_quarters') }} as quarters
            on quarters.fiscal_quarter_index = quarter_rows.fiscal_quarter_index
        group by {% for key in keys %}quarter_rows.{{ key }}, {% endfor %}quarters.fiscal_year
    ),

    year_rows as (
        select * from {{ ref(year_model) }}
    )

    {%- for column, tolerance in additive_columns.items() %}
    select
        coalesce(year_rows.fiscal_year_number, quarter_sums.fiscal_year_number) as fiscal_year_number,
        {% for key in keys %}coalesce(year_rows.{{ key }}, quarter_sums.{{ key }}) as {{ key }}, {% endfor %}
        '{{ column }}' as metric,
        cast(quarter_sums.{{ column }} as {{ onstrategy.type_double() }}) as sum_of_quarters,
        cast(year_rows.{{ column }} as {{ onstrategy.type_double() }}) as year_value
    from quarter_sums
    full outer join year_rows
        on {% for key in key_columns %}year_rows.{{ key }} = quarter_sums.{{ key }}{{ " and " if not loop.last }}{% endfor %}
    where year_rows.fiscal_year_number is null
       or quarter_sums.fiscal_year_number is null
       or abs(quarter_sums.{{ column }} - year_rows.{{ column }}) > {{ tolerance }}
    {{ "union all" if not loop.last }}
    {%- endfor %}
{%- endmacro %}
