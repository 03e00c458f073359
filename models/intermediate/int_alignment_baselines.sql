{#- One row per strategy version that has alignment plans, with the four fiscal quarters before the quarter of its
    effective_from (SPEC "Sales alignment plans"): the window whose bookings weigh each team in the roll-up and whose
    actuals stand in for a team target the plan does not set. -#}
with plan_versions as (
    select distinct version_id from {{ ref('stg_strategy__alignment_plans') }}
),

version_starts as (
    select
        versions.version_id,
        calendar.fiscal_quarter_index as start_quarter_index
    from {{ ref('stg_strategy__versions') }} as versions
    inner join {{ ref('stg_strategy__fiscal_calendar') }} as calendar on calendar.date_day = versions.effective_from
)

select
    version_starts.version_id as plan_version_id,
    version_starts.version_id,
    version_starts.start_quarter_index - 4 as baseline_first_quarter_index,
    version_starts.start_quarter_index - 1 as baseline_last_quarter_index
from version_starts
inner join plan_versions on plan_versions.version_id = version_starts.version_id
