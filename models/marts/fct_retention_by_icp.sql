{#- Logo churn and net revenue retention per fiscal quarter and ICP status (of the customer's account under the
    quarter's strategy version; customers matched to no account count as not ICP). The cohort is the customers with
    an active subscription on the quarter's first day; churned = no active subscription on its last day; MRR of the
    same cohort at start and end (both converted at the quarter's start date, so exchange rates do not move NRR),
    NRR = end / start. A quarter ending after the billing data's as-of date is incomplete (is_complete_quarter). -#}
with settings as (
    select reporting_currency from {{ ref('stg_strategy__settings') }}
),

items as (
    select * from {{ ref('int_subscription_item_mrr') }}
),

as_of as (
    select * from {{ ref('int_billing_as_of') }}
),

quarters as (
    select
        quarters.*,
        quarters.fiscal_quarter_end <= as_of.billing_as_of_date as is_complete_quarter
    from {{ ref('int_fiscal_quarters') }} as quarters
    cross join as_of
    where quarters.fiscal_quarter_end >= as_of.first_billing_date
        and quarters.fiscal_quarter_start <= as_of.billing_as_of_date
),

item_states as (
    select
        quarters.fiscal_quarter,
        quarters.fiscal_quarter_index,
        quarters.quarter_version_id,
        quarters.is_complete_quarter,
        items.customer_id,
        {{ onstrategy.to_reporting_currency(
            'items.mrr_original', 'items.currency', 'fx.conversion_rate', 'settings.reporting_currency'
        ) }} as mrr,
        (
            items.start_date <= quarters.fiscal_quarter_start
            and (items.end_date is null or items.end_date > quarters.fiscal_quarter_start)
        ) as active_at_start,
        (
            items.start_date <= quarters.fiscal_quarter_end
            and (items.end_date is null or items.end_date > quarters.fiscal_quarter_end)
        ) as active_at_end
    from quarters
    inner join items
        on items.start_date <= quarters.fiscal_quarter_end
        and (items.end_date is null or items.end_date > quarters.fiscal_quarter_start)
    cross join settings
    left join {{ ref('stg_salesforce__fx_rates') }} as fx
        on fx.currency = items.currency
        and fx.start_date <= quarters.fiscal_quarter_start
        and quarters.fiscal_quarter_start < fx.next_start_date
),

customer_states as (
    select
        fiscal_quarter,
        fiscal_quarter_index,
        quarter_version_id,
        is_complete_quarter,
        customer_id,
        max(case when active_at_start then 1 else 0 end) = 1 as active_at_start,
        max(case when active_at_end then 1 else 0 end) = 1 as active_at_end,
        {{ onstrategy.exact_sum('case when active_at_start then mrr else 0 end') }} as mrr_at_start,
        {{ onstrategy.exact_sum('case when active_at_end then mrr else 0 end') }} as mrr_at_end
    from item_states
    group by fiscal_quarter, fiscal_quarter_index, quarter_version_id, is_complete_quarter, customer_id
),

cohort as (
    select
        customer_states.*,
        coalesce(segments.is_icp, false) as is_icp
    from customer_states
    left join {{ ref('int_billing_customer_accounts') }} as customers
        on customers.customer_id = customer_states.customer_id
    left join {{ ref('int_account_segments') }} as segments
        on segments.account_id = customers.account_id
        and segments.version_id = customer_states.quarter_version_id
    where customer_states.active_at_start
)

select
    fiscal_quarter,
    fiscal_quarter_index,
    is_icp,
    is_complete_quarter,
    count(*) as customers_at_start,
    count(case when not active_at_end then 1 end) as logos_churned,
    cast(count(case when not active_at_end then 1 end) as {{ onstrategy.type_double() }}) / count(*) as logo_churn_rate,
    {{ onstrategy.exact_sum('mrr_at_start') }} as mrr_at_start,
    {{ onstrategy.exact_sum('mrr_at_end') }} as mrr_at_end,
    (
        {{ onstrategy.exact_sum('mrr_at_end') }}
        / nullif({{ onstrategy.exact_sum('mrr_at_start') }}, 0)
    ) as net_revenue_retention
from cohort
group by fiscal_quarter, fiscal_quarter_index, is_icp, is_complete_quarter
