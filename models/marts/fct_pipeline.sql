{#- Every opportunity (open and closed) by its created quarter, for pipeline metrics and the pipeline review. -#}
with version_today as (
    select versions.late_stage_min_probability
    from {{ ref('stg_strategy__fiscal_calendar') }} as calendar
    inner join {{ ref('stg_strategy__versions') }} as versions on versions.version_id = calendar.version_id
    where calendar.date_day = {{ onstrategy.as_of_date() }}
)

select
    pipeline.opportunity_id,
    pipeline.opportunity_name,
    pipeline.account_id,
    accounts.account_name,
    pipeline.rep_id,
    pipeline.team,
    pipeline.stage_name,
    pipeline.probability,
    pipeline.is_closed,
    pipeline.is_won,
    pipeline.created_date,
    pipeline.close_date,
    pipeline.fiscal_quarter,
    pipeline.fiscal_quarter_index,
    pipeline.currency,
    pipeline.amount_original,
    pipeline.amount,
    pipeline.segment,
    pipeline.is_icp,
    pipeline.version_id,
    not pipeline.is_closed and coalesce(pipeline.probability >= version_today.late_stage_min_probability, false)
        as is_late_stage
from {{ ref('int_pipeline') }} as pipeline
cross join version_today
left join {{ ref('stg_salesforce__accounts') }} as accounts on accounts.account_id = pipeline.account_id
