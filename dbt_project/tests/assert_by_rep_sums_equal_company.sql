{#-
  SPEC: by-rep sums equal company totals. Per fiscal quarter, the additive columns of
  fct_strategy_adherence_by_rep summed over reps equal fct_strategy_adherence_company (amounts within 0.01,
  counts exactly); a quarter present in only one of the two marts fails too. Every booking, opportunity and
  activity has exactly one owner, so nothing may be lost or counted twice.
-#}
{%- set additive_columns = {
    'bookings_amount': 0.01,
    'booking_lines': 0,
    'opportunities_won': 0,
    'pipeline_created_amount': 0.01,
    'activities': 0,
    'event_minutes': 0.01,
} -%}

with rep_totals as (
    select
        fiscal_quarter,
        {%- for column in additive_columns %}
        sum({{ column }}) as {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ ref('fct_strategy_adherence_by_rep') }}
    group by fiscal_quarter
),

company as (
    select * from {{ ref('fct_strategy_adherence_company') }}
),

compared as (
    {%- for column, tolerance in additive_columns.items() %}
    select
        coalesce(rep_totals.fiscal_quarter, company.fiscal_quarter) as fiscal_quarter,
        '{{ column }}' as metric,
        cast(rep_totals.{{ column }} as {{ onstrategy.type_double() }}) as sum_of_reps,
        cast(company.{{ column }} as {{ onstrategy.type_double() }}) as company_value
    from rep_totals
    full outer join company on company.fiscal_quarter = rep_totals.fiscal_quarter
    where rep_totals.fiscal_quarter is null
       or company.fiscal_quarter is null
       or abs(rep_totals.{{ column }} - company.{{ column }}) > {{ tolerance }}
    {{ "union all" if not loop.last }}
    {%- endfor %}
)

select * from compared
