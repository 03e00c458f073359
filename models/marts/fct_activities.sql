{#- Completed tasks and events of reps, with the resolved account and its ICP status on the activity date. -#}
select
    activity_id,
    activity_type,
    rep_id,
    team,
    account_id,
    activity_date,
    fiscal_quarter,
    fiscal_quarter_index,
    version_id,
    duration_minutes,
    is_icp
from {{ ref('int_activities') }}
