{#- The span of the billing data, one row: its first date and its as-of date (the latest event it records: an
    invoice created, a subscription started, canceled or ended). Periods ending after the as-of date are incomplete.
    Both NULL without billing data. -#}
with subscriptions as (
    select * from {{ ref('stg_stripe__subscriptions') }}
),

billing_dates as (
    select invoice_date as billing_date from {{ ref('stg_stripe__invoices') }}
    union all
    select start_date from subscriptions
    union all
    select canceled_date from subscriptions
    union all
    select ended_date from subscriptions
)

select
    min(billing_date) as first_billing_date,
    max(billing_date) as billing_as_of_date
from billing_dates
