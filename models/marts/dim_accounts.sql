{#- Accounts with segment and ICP status under the strategy version in force today, first win and billing ids. -#}
with version_today as (
    select version_id
    from {{ ref('stg_strategy__fiscal_calendar') }}
    where date_day = {{ onstrategy.as_of_date() }}
),

first_wins as (
    select account_id, min(close_date) as first_won_date
    from {{ ref('stg_salesforce__opportunities') }}
    where is_won and account_id is not null
    group by account_id
),

billing_customers as (
    select account_id, {{ dbt.listagg('customer_id', "','", 'order by customer_id') }} as billing_customer_ids
    from {{ ref('int_billing_customer_accounts') }}
    where account_id is not null
    group by account_id
)

select
    accounts.account_id,
    accounts.account_name,
    accounts.industry,
    segments.country_code,
    accounts.number_of_employees,
    {{ onstrategy.website_domain('accounts.website') }} as website_domain,
    accounts.owner_id,
    accounts.created_date,
    segments.segment,
    segments.is_icp,
    segments.is_target_account,
    first_wins.first_won_date,
    billing_customers.billing_customer_ids
from {{ ref('stg_salesforce__accounts') }} as accounts
cross join version_today
inner join {{ ref('int_account_segments') }} as segments
    on segments.account_id = accounts.account_id
    and segments.version_id = version_today.version_id
left join first_wins on first_wins.account_id = accounts.account_id
left join billing_customers on billing_customers.account_id = accounts.account_id
