{#-
  The billing marts tell one story: billed revenue of matched customers is the same in fct_billing_lines,
  fct_account_monthly_revenue, fct_booked_vs_billed_by_account and fct_booked_vs_billed_by_segment; booked revenue
  of fct_booked_vs_billed_by_segment equals fct_bookings (both marts are empty without billing data); every
  customer is either linked to an account (metadata or email_domain) or listed in billing_unmatched_customers.
  Fails with one row per check that does not hold.
-#}
with matched_lines as (
    select coalesce(sum(amount), 0) as amount
    from {{ ref('fct_billing_lines') }}
    where account_id is not null
),

billing_data as (
    select billing_as_of_date
    from {{ ref('int_billing_as_of') }}
    where billing_as_of_date is not null
),

checks as (
    select
        'account_monthly_revenue_billed' as check_name,
        (select coalesce(sum(billed_amount), 0) from {{ ref('fct_account_monthly_revenue') }}) as actual,
        (select amount from matched_lines) as expected
    union all
    select
        'booked_vs_billed_by_account_billed' as check_name,
        (select coalesce(sum(billed_amount), 0) from {{ ref('fct_booked_vs_billed_by_account') }}) as actual,
        (select amount from matched_lines) as expected
    union all
    select
        'booked_vs_billed_by_segment_billed' as check_name,
        (select coalesce(sum(billed_amount), 0) from {{ ref('fct_booked_vs_billed_by_segment') }}) as actual,
        (select amount from matched_lines) as expected
    union all
    select
        'booked_vs_billed_by_segment_booked' as check_name,
        (select coalesce(sum(booked_amount), 0) from {{ ref('fct_booked_vs_billed_by_segment') }}) as actual,
        (
            select coalesce(sum(amount), 0)
            from {{ ref('fct_bookings') }}
            where exists (select 1 from billing_data)
        ) as expected
    union all
    select
        'unmatched_customers_listed' as check_name,
        (select count(*) from {{ ref('billing_unmatched_customers') }}) as actual,
        (
            select count(*)
            from {{ ref('dim_billing_customers') }}
            where match_method = 'unmatched'
        ) as expected
    union all
    select
        'account_id_iff_matched' as check_name,
        (
            select count(*)
            from {{ ref('dim_billing_customers') }}
            where (account_id is null) <> (match_method = 'unmatched')
        ) as actual,
        0 as expected
)

select *
from checks
where abs(actual - expected) > 1e-6 * (1 + abs(expected))
