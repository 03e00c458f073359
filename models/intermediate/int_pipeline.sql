{#- Every opportunity as pipeline, placed in the quarter of its CreatedDate, converted and judged then. -#}
with opportunities as (
    select * from {{ ref('stg_salesforce__opportunities') }}
),

settings as (
    select reporting_currency from {{ ref('stg_strategy__settings') }}
)

select
    opportunities.opportunity_id,
    opportunities.opportunity_name,
    opportunities.account_id,
    opportunities.owner_id as rep_id,
    coalesce(reps.team, 'No team') as team,
    opportunities.stage_name,
    opportunities.probability,
    coalesce(opportunities.is_closed, false) as is_closed,
    coalesce(opportunities.is_won, false) as is_won,
    opportunities.created_date,
    opportunities.close_date,
    calendar.fiscal_quarter,
    calendar.fiscal_quarter_index,
    calendar.version_id,
    coalesce(opportunities.currency, settings.reporting_currency) as currency,
    opportunities.amount as amount_original,
    {{ onstrategy.to_reporting_currency(
        'opportunities.amount', 'opportunities.currency', 'fx.conversion_rate', 'settings.reporting_currency'
    ) }} as amount,
    case when opportunities.account_id is not null then coalesce(segments.segment, 'Unsegmented') end as segment,
    coalesce(segments.is_icp, false) as is_icp
from opportunities
cross join settings
left join {{ ref('stg_strategy__fiscal_calendar') }} as calendar
    on calendar.date_day = opportunities.created_date
left join {{ ref('int_reps') }} as reps on reps.rep_id = opportunities.owner_id
left join {{ ref('int_account_segments') }} as segments
    on segments.account_id = opportunities.account_id
    and segments.version_id = calendar.version_id
left join {{ ref('stg_salesforce__fx_rates') }} as fx
    on fx.currency = opportunities.currency
    and fx.start_date <= opportunities.created_date
    and opportunities.created_date < fx.next_start_date
