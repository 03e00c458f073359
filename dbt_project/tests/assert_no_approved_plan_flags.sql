{#-
  SPEC "Sales alignment plans": a team's row of fct_strategy_adherence_by_team has the red flag no_approved_plan
  exactly when the quarter's strategy version has alignment plans and none of them is the team's (teams with
  sellers; a group of reps without a role is no team). Fails with one
  row per team quarter where the flag and the plans disagree.
-#}
with team_quarters as (
    select
        teams.fiscal_quarter,
        teams.team,
        quarters.quarter_version_id,
        {{ dbt.position("',no_approved_plan,'", dbt.concat(["','", "teams.red_flags", "','"])) }} > 0 as is_flagged
    from {{ ref('fct_strategy_adherence_by_team') }} as teams
    inner join {{ ref('int_fiscal_quarters') }} as quarters
        on quarters.fiscal_quarter_index = teams.fiscal_quarter_index
),

teams_with_sellers as (
    select distinct team from {{ ref('dim_reps') }}
    where is_seller and team is not null
),

plan_versions as (
    select distinct version_id from {{ ref('stg_strategy__alignment_plans') }}
),

expected as (
    select
        team_quarters.*,
        plan_versions.version_id is not null
        and plans.team is null
        and teams_with_sellers.team is not null as should_be_flagged
    from team_quarters
    left join teams_with_sellers on teams_with_sellers.team = team_quarters.team
    left join plan_versions on plan_versions.version_id = team_quarters.quarter_version_id
    left join {{ ref('stg_strategy__alignment_plans') }} as plans
        on plans.version_id = team_quarters.quarter_version_id
        and plans.team = team_quarters.team
)

select *
from expected
where is_flagged <> should_be_flagged
