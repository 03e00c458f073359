{#- Per fiscal quarter and segment: bookings closed in the quarter (the account's segment at close date, as in
    fct_bookings) against revenue billed in the quarter (the account's segment at invoice date), with running totals
    since the first quarter. Billed revenue of unmatched customers has no segment and is left out (see
    billing_unmatched_customers). One row per (quarter, segment) with bookings or billed revenue. Empty without
    billing data (no stripe/ folder), like every billing mart. -#}
with billing_data as (
    select billing_as_of_date
    from {{ ref('int_billing_as_of') }}
    where billing_as_of_date is not null
),

booked as (
    select
        fiscal_quarter,
        fiscal_quarter_index,
        segment,
        {{ onstrategy.exact_sum('amount') }} as booked_amount,
        count(distinct account_id) as accounts_booked
    from {{ ref('fct_bookings') }}
    where exists (select 1 from billing_data)
    group by fiscal_quarter, fiscal_quarter_index, segment
),

billed as (
    select
        fiscal_quarter,
        fiscal_quarter_index,
        segment,
        {{ onstrategy.exact_sum('amount') }} as billed_amount,
        count(distinct account_id) as accounts_billed
    from {{ ref('fct_billing_lines') }}
    where account_id is not null
    group by fiscal_quarter, fiscal_quarter_index, segment
),

quarter_segments as (
    select fiscal_quarter, fiscal_quarter_index, segment from booked
    union
    select fiscal_quarter, fiscal_quarter_index, segment from billed
),

icp_segments as (
    select distinct quarters.fiscal_quarter_index, segments.segment_name
    from {{ ref('int_fiscal_quarters') }} as quarters
    inner join {{ ref('stg_strategy__segments') }} as segments
        on segments.version_id = quarters.quarter_version_id
    where segments.is_icp
),

quarterly as (
    select
        quarter_segments.fiscal_quarter,
        quarter_segments.fiscal_quarter_index,
        quarter_segments.segment,
        icp_segments.segment_name is not null as is_icp_segment,
        coalesce(booked.booked_amount, 0) as booked_amount,
        coalesce(billed.billed_amount, 0) as billed_amount,
        coalesce(booked.accounts_booked, 0) as accounts_booked,
        coalesce(billed.accounts_billed, 0) as accounts_billed
    from quarter_segments
    left join booked
        on booked.fiscal_quarter_index = quarter_segments.fiscal_quarter_index
        and booked.segment = quarter_segments.segment
    left join billed
        on billed.fiscal_quarter_index = quarter_segments.fiscal_quarter_index
        and billed.segment = quarter_segments.segment
    left join icp_segments
        on icp_segments.fiscal_quarter_index = quarter_segments.fiscal_quarter_index
        and icp_segments.segment_name = quarter_segments.segment
),

running as (
    select
        quarterly.*,
        {{ onstrategy.exact_sum('booked_amount', over='over (
            partition by segment order by fiscal_quarter_index rows between unbounded preceding and current row
        )') }} as cumulative_booked_amount,
        {{ onstrategy.exact_sum('billed_amount', over='over (
            partition by segment order by fiscal_quarter_index rows between unbounded preceding and current row
        )') }} as cumulative_billed_amount
    from quarterly
)

select
    fiscal_quarter,
    fiscal_quarter_index,
    segment,
    is_icp_segment,
    booked_amount,
    billed_amount,
    billed_amount / nullif(booked_amount, 0) as billed_to_booked_ratio,
    accounts_booked,
    accounts_billed,
    cumulative_booked_amount,
    cumulative_billed_amount,
    cumulative_billed_amount / nullif(cumulative_booked_amount, 0) as cumulative_billed_to_booked_ratio
from running
