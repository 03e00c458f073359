{#- The metric set per team and fiscal quarter, with the team's share of the quarter's bookings. Teams have no
    target mix: target_share and share_gap are NULL. Red flag `no_approved_plan` (SPEC "Sales alignment plans"): the
    quarter's version has alignment plans and the team (with sellers) has none. -#}
{%- set teams_without_plan %}
    select quarters.fiscal_quarter_index, teams.team, 'no_approved_plan' as flag_name
    from {{ ref('int_fiscal_quarters') }} as quarters
    inner join (select distinct version_id from {{ ref('stg_strategy__alignment_plans') }}) as plan_versions
        on plan_versions.version_id = quarters.quarter_version_id
    cross join (select distinct team from {{ ref('dim_reps') }} where is_seller and team is not null) as teams
    left join {{ ref('stg_strategy__alignment_plans') }} as plans
        on plans.version_id = quarters.quarter_version_id and plans.team = teams.team
    where plans.team is null
{%- endset %}

with team_metrics as (
    {{ onstrategy.strategy_adherence(['team'], extra_flags=teams_without_plan) }}
),

quarter_totals as (
    select fiscal_quarter_index, bookings_amount as quarter_bookings_amount
    from {{ ref('fct_strategy_adherence_company') }}
)

select
    team_metrics.fiscal_quarter,
    team_metrics.fiscal_quarter_index,
    team_metrics.team,
    team_metrics.bookings_amount / nullif(quarter_totals.quarter_bookings_amount, 0) as share_of_quarter,
    cast(null as {{ onstrategy.type_double() }}) as target_share,
    cast(null as {{ onstrategy.type_double() }}) as share_gap,
    {%- for column in onstrategy.adherence_columns() if column != 'bookings_amount' %}
    team_metrics.{{ column }},
    {%- endfor %}
    team_metrics.bookings_amount,
    {{ onstrategy.is_complete_quarter('team_metrics.fiscal_quarter_index', 'as_of') }} as is_complete_quarter,
    {{ onstrategy.is_as_of_quarter('team_metrics.fiscal_quarter_index', 'as_of') }} as is_as_of_quarter
from team_metrics
left join quarter_totals on quarter_totals.fiscal_quarter_index = team_metrics.fiscal_quarter_index
cross join {{ ref('as_of') }} as as_of
