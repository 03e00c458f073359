{#- Do the teams' plans add up to the strategy? (SPEC "Sales alignment plans") Per version with alignment plans and
    company objective: implied_target = the bookings-weighted blend of the teams' targets, each team weighted by its
    share of the bookings of the four fiscal quarters before the version's effective_from, and taking its own actual
    over those quarters when its plan sets no target for the metric; plan_gap = implied_target - company_target (below
    0: the plans do not add up). The weights are normalised over the teams that have a target or an actual, so a
    team without bookings or activity in the window, or bookings without a team, leave the blend unchanged. -#}
with company_objectives as (
    select
        objectives.version_id,
        objectives.metric,
        objectives.target as company_target
    from {{ ref('stg_strategy__objectives') }} as objectives
    inner join {{ ref('int_alignment_baselines') }} as baselines on baselines.version_id = objectives.version_id
),

baseline_totals as (
    select
        plan_version_id,
        {{ onstrategy.exact_sum('bookings_amount') }} as company_bookings_amount
    from {{ ref('int_team_plan_baselines') }}
    group by plan_version_id
),

teams_with_sellers as (
    select distinct team from {{ ref('dim_reps') }}
    where is_seller and team is not null
),

team_baselines as (
    select team_baselines.*
    from {{ ref('int_team_plan_baselines') }} as team_baselines
    inner join teams_with_sellers on teams_with_sellers.team = team_baselines.team
),

team_targets as (
    select
        company_objectives.version_id,
        company_objectives.metric,
        company_objectives.company_target,
        team_baselines.team,
        team_baselines.bookings_amount / nullif(baseline_totals.company_bookings_amount, 0) as team_weight,
        coalesce(
            priorities.target,
            {{ onstrategy.objective_metric_value('company_objectives.metric', 'team_baselines') }}
        ) as team_target
    from company_objectives
    inner join team_baselines on team_baselines.plan_version_id = company_objectives.version_id
    inner join baseline_totals on baseline_totals.plan_version_id = company_objectives.version_id
    left join {{ ref('stg_strategy__alignment_priorities') }} as priorities
        on priorities.version_id = company_objectives.version_id
        and priorities.team = team_baselines.team
        and priorities.metric = company_objectives.metric
),

implied_targets as (
    select
        version_id,
        metric,
        company_target,
        {{ onstrategy.exact_sum('team_weight * team_target') }}
        / nullif({{ onstrategy.exact_sum('case when team_target is not null then team_weight end') }}, 0)
            as implied_target
    from team_targets
    group by version_id, metric, company_target
)

select
    company_objectives.version_id,
    company_objectives.metric,
    company_objectives.company_target,
    implied_targets.implied_target,
    implied_targets.implied_target - company_objectives.company_target as plan_gap
from company_objectives
left join implied_targets
    on implied_targets.version_id = company_objectives.version_id
    and implied_targets.metric = company_objectives.metric
