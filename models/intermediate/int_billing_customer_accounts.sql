{#- Each Stripe customer's Salesforce account: metadata.salesforce_account_id (when that account exists), else the
    one account whose Website domain equals the customer's email domain, else unmatched, with the reason. -#}
with customers as (
    select * from {{ ref('stg_stripe__customers') }}
),

accounts as (
    select account_id, {{ onstrategy.website_domain('website') }} as website_domain
    from {{ ref('stg_salesforce__accounts') }}
),

domain_accounts as (
    select website_domain, min(account_id) as account_id, count(*) as accounts
    from accounts
    where website_domain is not null
    group by website_domain
)

select
    customers.customer_id,
    customers.customer_name,
    customers.email_domain,
    customers.salesforce_account_id as metadata_account_id,
    customers.currency,
    customers.created_date,
    case
        when by_metadata.account_id is not null then by_metadata.account_id
        when by_domain.accounts = 1 then by_domain.account_id
    end as account_id,
    case
        when by_metadata.account_id is not null then 'metadata'
        when by_domain.accounts = 1 then 'email_domain'
        else 'unmatched'
    end as match_method,
    case
        when by_metadata.account_id is not null or by_domain.accounts = 1 then null
        when customers.salesforce_account_id is not null then 'unknown_salesforce_account_id'
        when by_domain.accounts > 1 then 'ambiguous_email_domain'
        when customers.email_domain is null then 'no_email'
        else 'no_account_with_email_domain'
    end as unmatched_reason,
    coalesce(by_domain.accounts, 0) as email_domain_accounts
from customers
left join accounts as by_metadata on by_metadata.account_id = customers.salesforce_account_id
left join domain_accounts as by_domain on by_domain.website_domain = customers.email_domain
