{#- Completed tasks and all events of reps, with their account resolved (AccountId, else WhatId when it is an
    account (001...) or an opportunity's account (006...)), the opportunity when WhatId names one of the landing
    zone, and the account's ICP status by the version in force on ActivityDate. Built straight from staging: an intermediate copy of the same rows cost a second write of every
    activity and its own tests.
    Incremental (macros/incremental/): a run that only adds activity batches recomputes their Ids alone. -#}
{{ onstrategy.recomputed_incrementally("'activity_id in (' ~ onstrategy.pending_activity_ids() ~ ')'") }}
with all_activities as (
    select
        task_id as activity_id, 'task' as activity_type, owner_id, account_id, what_id, activity_date,
        cast(null as {{ onstrategy.type_double() }}) as duration_minutes
    from {{ ref('stg_salesforce__tasks') }}
    where lower(trim(status)) = 'completed'
    union all
    select
        event_id as activity_id, 'event' as activity_type, owner_id, account_id, what_id, activity_date,
        duration_minutes
    from {{ ref('stg_salesforce__events') }}
),

activities as (
    select * from all_activities
    {%- if is_incremental() %}
    where activity_id in ({{ onstrategy.pending_activity_ids() }})
    {%- endif %}
),

resolved as (
    select
        activities.*,
        coalesce(
            activities.account_id,
            case when activities.what_id like '001%' then activities.what_id end,
            opportunities.account_id
        ) as resolved_account_id,
        opportunities.opportunity_id
    from activities
    left join {{ ref('stg_salesforce__opportunities') }} as opportunities
        on activities.what_id like '006%'
        and opportunities.opportunity_id = activities.what_id
)

select
    resolved.activity_id,
    resolved.activity_type,
    resolved.owner_id as rep_id,
    coalesce(reps.team, 'No team') as team,
    resolved.resolved_account_id as account_id,
    resolved.opportunity_id,
    resolved.activity_date,
    calendar.fiscal_quarter,
    calendar.fiscal_quarter_index,
    calendar.version_id,
    resolved.duration_minutes,
    case when resolved.resolved_account_id is not null then coalesce(segments.is_icp, false) end as is_icp
from resolved
inner join {{ ref('stg_strategy__fiscal_calendar') }} as calendar
    on calendar.date_day = resolved.activity_date
left join {{ ref('int_reps') }} as reps on reps.rep_id = resolved.owner_id
left join {{ ref('int_account_segments') }} as segments
    on segments.account_id = resolved.resolved_account_id
    and segments.version_id = calendar.version_id
