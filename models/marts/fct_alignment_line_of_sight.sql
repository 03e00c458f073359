{#- Line of sight from every team to the strategy (SPEC "Sales alignment plans"): for each version with alignment
    plans, every team with sellers x every company objective is `direct` (the team's plan has a priority on the
    metric), `not_covered` (its plan has none) or `no_plan`; a priority on a metric that is not a company objective
    is an extra row, `indirect`, without a company target. Versions without plans have no rows. -#}
with plan_versions as (
    select distinct version_id from {{ ref('stg_strategy__alignment_plans') }}
),

teams_with_sellers as (
    select distinct team from {{ ref('dim_reps') }}
    where is_seller and team is not null
),

company_objectives as (
    select
        objectives.version_id,
        objectives.metric,
        objectives.target
    from {{ ref('stg_strategy__objectives') }} as objectives
    inner join plan_versions on plan_versions.version_id = objectives.version_id
),

plans as (
    select version_id, team from {{ ref('stg_strategy__alignment_plans') }}
),

priorities as (
    select version_id, team, metric, target from {{ ref('stg_strategy__alignment_priorities') }}
),

objective_rows as (
    select
        company_objectives.version_id,
        teams_with_sellers.team,
        company_objectives.metric,
        company_objectives.target as company_target,
        priorities.target as team_target,
        case
            when priorities.metric is not null then 'direct'
            when plans.team is not null then 'not_covered'
            else 'no_plan'
        end as line_of_sight
    from company_objectives
    cross join teams_with_sellers
    left join plans
        on plans.version_id = company_objectives.version_id
        and plans.team = teams_with_sellers.team
    left join priorities
        on priorities.version_id = company_objectives.version_id
        and priorities.team = teams_with_sellers.team
        and priorities.metric = company_objectives.metric
),

indirect_rows as (
    select
        priorities.version_id,
        priorities.team,
        priorities.metric,
        cast(null as {{ onstrategy.type_double() }}) as company_target,
        priorities.target as team_target,
        'indirect' as line_of_sight
    from priorities
    inner join teams_with_sellers on teams_with_sellers.team = priorities.team
    left join company_objectives
        on company_objectives.version_id = priorities.version_id
        and company_objectives.metric = priorities.metric
    where company_objectives.metric is null
)

select * from objective_rows
union all
select * from indirect_rows
