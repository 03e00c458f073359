{#- Each won opportunity of the booking lines with the effort it took (SPEC "Justified off-strategy business"):
    effort_minutes = the summed DurationInMinutes of the Events whose WhatId is the opportunity (any owner, any
    date; 0 without any); minutes_per_1k = effort_minutes per $1k of the opportunity's booking lines (NULL when
    they add up to 0); easy_threshold_minutes_per_1k = the 25th percentile (continuous) of minutes_per_1k over the
    quarter's won opportunities whose lines are all on strategy (NULL when the quarter has none). -#}
with won_opportunities as (
    select
        opportunity_id,
        rep_id,
        team,
        fiscal_quarter_index,
        {{ onstrategy.exact_sum('amount') }} as amount,
        count(case when not is_on_strategy then 1 end) > 0 as has_off_strategy_line
    from {{ ref('int_booking_lines') }}
    group by opportunity_id, rep_id, team, fiscal_quarter_index
),

opportunity_event_minutes as (
    select
        what_id as opportunity_id,
        {{ onstrategy.exact_sum('duration_minutes') }} as effort_minutes
    from {{ ref('stg_salesforce__events') }}
    where what_id like '006%'
    group by what_id
),

efforts as (
    select
        won_opportunities.*,
        coalesce(opportunity_event_minutes.effort_minutes, 0) as effort_minutes,
        coalesce(opportunity_event_minutes.effort_minutes, 0)
        / nullif(won_opportunities.amount / 1000, 0) as minutes_per_1k
    from won_opportunities
    left join opportunity_event_minutes
        on opportunity_event_minutes.opportunity_id = won_opportunities.opportunity_id
),

easy_thresholds as (
    select
        fiscal_quarter_index,
        {{ onstrategy.percentile_cont('minutes_per_1k', 0.25) }} as easy_threshold_minutes_per_1k
    from efforts
    where not has_off_strategy_line
    group by fiscal_quarter_index
)

select
    efforts.opportunity_id,
    efforts.rep_id,
    efforts.team,
    efforts.fiscal_quarter_index,
    efforts.amount,
    efforts.has_off_strategy_line,
    efforts.effort_minutes,
    efforts.minutes_per_1k,
    easy_thresholds.easy_threshold_minutes_per_1k
from efforts
left join easy_thresholds on easy_thresholds.fiscal_quarter_index = efforts.fiscal_quarter_index
