{#- Billed revenue and MRR per Salesforce account and calendar month (billing customers linked to an account; the
    unmatched ones are in billing_unmatched_customers). A row for every month the account was billed or had MRR at
    month end, and for the month after its last month with MRR (MRR 0: the churn shows). MRR at month end is
    converted at the month's last day; segment and ICP status are the account's under the version in force on the
    month's first day. -#}
with settings as (
    select reporting_currency from {{ ref('stg_strategy__settings') }}
),

months as (
    select * from {{ ref('int_billing_months') }}
),

customer_accounts as (
    select customer_id, account_id
    from {{ ref('int_billing_customer_accounts') }}
    where account_id is not null
),

{# The rate of each currency on each month's last day, one row per month and currency, so that the item months
    below join it on equality rather than by date range (docs/decisions.md, "Month-end rates"). #}
fx_currencies as (
    select distinct currency from {{ ref('stg_salesforce__fx_rates') }}
),

month_fx_rates as (
    select months.month_index, currencies.currency, fx.conversion_rate
    from months
    cross join fx_currencies as currencies
    left join {{ ref('stg_salesforce__fx_rates') }} as fx
        on fx.currency = currencies.currency
        and fx.start_date <= months.month_end
        and months.month_end < fx.next_start_date
),

{# MRR of each active subscription at each month's end. One row per subscription, so the account's count below
    is a plain count (a distinct count over item months cost another 1.9 s), and summed as an exact decimal, so the
    account's total is the same bytes as one exact sum over its items. #}
subscription_months as (
    select
        months.month_index,
        customer_accounts.account_id,
        items.subscription_id,
        {{ onstrategy.exact_decimal_sum(onstrategy.to_reporting_currency(
            'items.mrr_original', 'items.currency', 'fx.conversion_rate', 'settings.reporting_currency'
        )) }} as mrr_at_month_end
    from months
    inner join {{ ref('int_subscription_item_mrr') }} as items
        on items.start_date <= months.month_end
        and (items.end_date is null or items.end_date > months.month_end)
    inner join customer_accounts on customer_accounts.customer_id = items.customer_id
    cross join settings
    left join month_fx_rates as fx
        on fx.month_index = months.month_index
        and fx.currency = items.currency
    group by months.month_index, customer_accounts.account_id, items.subscription_id
),

monthly_mrr as (
    select
        month_index,
        account_id,
        {{ onstrategy.exact_sum('mrr_at_month_end') }} as mrr_at_month_end,
        count(subscription_id) as active_subscriptions
    from subscription_months
    group by month_index, account_id
),

monthly_billed as (
    select
        months.month_index,
        lines.account_id,
        {{ onstrategy.exact_sum('lines.amount') }} as billed_amount,
        count(*) as invoice_lines
    from {{ ref('fct_billing_lines') }} as lines
    inner join months
        on lines.invoice_date between months.month_start and months.month_end
    where lines.account_id is not null
    group by months.month_index, lines.account_id
),

account_months as (
    select month_index, account_id from monthly_mrr
    union
    select month_index + 1 as month_index, account_id from monthly_mrr
    union
    select month_index, account_id from monthly_billed
)

select
    months.month_start as month,
    months.month_end,
    account_months.account_id,
    months.fiscal_quarter,
    months.fiscal_quarter_index,
    months.version_id,
    segments.segment,
    segments.is_icp,
    coalesce(monthly_billed.billed_amount, 0) as billed_amount,
    coalesce(monthly_billed.invoice_lines, 0) as invoice_lines,
    coalesce(monthly_mrr.mrr_at_month_end, 0) as mrr_at_month_end,
    coalesce(monthly_mrr.active_subscriptions, 0) as active_subscriptions,
    months.is_complete_month
from account_months
inner join months on months.month_index = account_months.month_index
left join monthly_mrr
    on monthly_mrr.month_index = account_months.month_index
    and monthly_mrr.account_id = account_months.account_id
left join monthly_billed
    on monthly_billed.month_index = account_months.month_index
    and monthly_billed.account_id = account_months.account_id
left join {{ ref('int_account_segments') }} as segments
    on segments.account_id = account_months.account_id
    and segments.version_id = months.version_id
