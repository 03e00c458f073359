{#- Per Salesforce account, all history up to the data: what was booked (won booking lines) against what was billed
    (paid Stripe invoice lines of the customers linked to it) and its MRR at the billing data's as-of date. One row
    per account with bookings or billed revenue; segment and ICP status under the version in force today. Empty
    without billing data (no stripe/ folder), like every billing mart. -#}
with billing_data as (
    select billing_as_of_date
    from {{ ref('int_billing_as_of') }}
    where billing_as_of_date is not null
),

booked as (
    select
        account_id,
        {{ onstrategy.exact_sum('amount') }} as booked_amount,
        count(distinct opportunity_id) as opportunities_won,
        min(close_date) as first_won_date,
        max(close_date) as last_won_date
    from {{ ref('fct_bookings') }}
    where account_id is not null
        and exists (select 1 from billing_data)
    group by account_id
),

billed as (
    select
        account_id,
        {{ onstrategy.exact_sum('amount') }} as billed_amount,
        count(distinct customer_id) as billing_customers,
        min(invoice_date) as first_invoice_date,
        max(invoice_date) as last_invoice_date
    from {{ ref('fct_billing_lines') }}
    where account_id is not null
    group by account_id
),

latest_month as (
    select max(month_start) as month_start from {{ ref('int_billing_months') }}
),

current_mrr as (
    select monthly.account_id, monthly.mrr_at_month_end as current_mrr
    from {{ ref('fct_account_monthly_revenue') }} as monthly
    inner join latest_month on latest_month.month_start = monthly.month
),

account_keys as (
    select account_id from booked
    union
    select account_id from billed
)

select
    account_keys.account_id,
    accounts.account_name,
    accounts.segment,
    accounts.is_icp,
    coalesce(booked.booked_amount, 0) as booked_amount,
    coalesce(billed.billed_amount, 0) as billed_amount,
    coalesce(billed.billed_amount, 0) / nullif(booked.booked_amount, 0) as billed_to_booked_ratio,
    coalesce(booked.opportunities_won, 0) as opportunities_won,
    booked.first_won_date,
    booked.last_won_date,
    coalesce(billed.billing_customers, 0) as billing_customers,
    billed.first_invoice_date,
    billed.last_invoice_date,
    coalesce(current_mrr.current_mrr, 0) as current_mrr
from account_keys
inner join {{ ref('dim_accounts') }} as accounts on accounts.account_id = account_keys.account_id
left join booked on booked.account_id = account_keys.account_id
left join billed on billed.account_id = account_keys.account_id
left join current_mrr on current_mrr.account_id = account_keys.account_id
