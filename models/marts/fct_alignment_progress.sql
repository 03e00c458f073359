{#- Each team's progress on its plan (SPEC "Sales alignment plans"): a row per fiscal quarter with data and priority
    of the plan of the quarter's version (the one in force on its first day); actual = the team's value of the
    metric that quarter (fct_strategy_adherence_by_team), met = actual >= team_target (NULL when actual is NULL, e.g.
    a quarter in which the team booked nothing). -#}
with quarters_with_data as (
    select
        company.fiscal_quarter,
        company.fiscal_quarter_index,
        company.is_complete_quarter,
        quarters.quarter_version_id
    from {{ ref('fct_strategy_adherence_company') }} as company
    inner join {{ ref('int_fiscal_quarters') }} as quarters
        on quarters.fiscal_quarter_index = company.fiscal_quarter_index
),

team_priorities as (
    select
        quarters_with_data.fiscal_quarter,
        quarters_with_data.fiscal_quarter_index,
        quarters_with_data.is_complete_quarter,
        priorities.version_id,
        priorities.team,
        priorities.priority_order,
        priorities.metric,
        priorities.target as team_target,
        priorities.action
    from quarters_with_data
    inner join {{ ref('stg_strategy__alignment_priorities') }} as priorities
        on priorities.version_id = quarters_with_data.quarter_version_id
),

team_actuals as (
    select
        team_priorities.*,
        {{ onstrategy.objective_metric_value('team_priorities.metric', 'team_quarters') }} as actual
    from team_priorities
    left join {{ ref('fct_strategy_adherence_by_team') }} as team_quarters
        on team_quarters.fiscal_quarter_index = team_priorities.fiscal_quarter_index
        and team_quarters.team = team_priorities.team
)

select
    fiscal_quarter,
    fiscal_quarter_index,
    version_id,
    team,
    priority_order,
    metric,
    team_target,
    action,
    actual,
    actual >= team_target as met,
    is_complete_quarter
from team_actuals
