{#- Each Stripe customer's Salesforce account: metadata.salesforce_account_id (when that account exists), else the
    one account whose Website domain equals the customer's email domain, else unmatched. -#}
with customers as (
    select * from {{ ref('stg_stripe__customers') }}
),

accounts as (
    select account_id, {{ onstrategy.website_domain('website') }} as website_domain
    from {{ ref('stg_salesforce__accounts') }}
),

unique_domains as (
    select website_domain, min(account_id) as account_id
    from accounts
    where website_domain is not null
    group by website_domain
    having count(*) = 1
)

select
    customers.customer_id,
    customers.customer_name,
    customers.email_domain,
    coalesce(by_metadata.account_id, by_domain.account_id) as account_id,
    case
        when by_metadata.account_id is not null then 'metadata'
        when by_domain.account_id is not null then 'email_domain'
        else 'unmatched'
    end as match_method
from customers
left join accounts as by_metadata on by_metadata.account_id = customers.salesforce_account_id
left join unique_domains as by_domain on by_domain.website_domain = customers.email_domain
