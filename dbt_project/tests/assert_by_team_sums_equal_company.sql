{#-
  By-team sums equal company totals, like by-rep (every rep has exactly one team today): per fiscal quarter the
  additive columns of fct_strategy_adherence_by_team summed over teams equal fct_strategy_adherence_company
  (amounts within 0.01, counts exactly), and the teams' share_of_quarter adds up to 1 in a quarter with bookings.
-#}
{%- set additive_columns = {
    'bookings_amount': 0.01,
    'booking_lines': 0,
    'opportunities_won': 0,
    'pipeline_created_amount': 0.01,
    'activities': 0,
    'event_minutes': 0.01,
} -%}

with team_totals as (
    select
        fiscal_quarter,
        {%- for column in additive_columns %}
        sum({{ column }}) as {{ column }},
        {%- endfor %}
        sum(share_of_quarter) as share_of_quarter
    from {{ ref('fct_strategy_adherence_by_team') }}
    group by fiscal_quarter
),

company as (
    select * from {{ ref('fct_strategy_adherence_company') }}
),

compared as (
    {%- for column, tolerance in additive_columns.items() %}
    select
        coalesce(team_totals.fiscal_quarter, company.fiscal_quarter) as fiscal_quarter,
        '{{ column }}' as metric,
        cast(team_totals.{{ column }} as {{ onstrategy.type_double() }}) as sum_of_teams,
        cast(company.{{ column }} as {{ onstrategy.type_double() }}) as company_value
    from team_totals
    full outer join company on company.fiscal_quarter = team_totals.fiscal_quarter
    where team_totals.fiscal_quarter is null
       or company.fiscal_quarter is null
       or abs(team_totals.{{ column }} - company.{{ column }}) > {{ tolerance }}
    union all
    {%- endfor %}
    select
        team_totals.fiscal_quarter,
        'share_of_quarter' as metric,
        team_totals.share_of_quarter as sum_of_teams,
        cast(1 as {{ onstrategy.type_double() }}) as company_value
    from team_totals
    inner join company on company.fiscal_quarter = team_totals.fiscal_quarter
    where company.bookings_amount <> 0
      and (team_totals.share_of_quarter is null or abs(team_totals.share_of_quarter - 1) > 1e-6)
)

select * from compared
