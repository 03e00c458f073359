{#- Every Stripe customer with its Salesforce account (or why none was found) and what it was billed. -#}
with billed as (
    select
        customer_id,
        {{ onstrategy.exact_sum('amount') }} as billed_amount,
        count(*) as invoice_lines,
        min(invoice_date) as first_invoice_date,
        max(invoice_date) as last_invoice_date
    from {{ ref('fct_billing_lines') }}
    group by customer_id
)

select
    customers.customer_id,
    customers.customer_name,
    customers.email_domain,
    customers.currency,
    customers.created_date,
    customers.account_id,
    customers.match_method,
    customers.unmatched_reason,
    customers.metadata_account_id,
    customers.email_domain_accounts,
    coalesce(billed.billed_amount, 0) as billed_amount,
    coalesce(billed.invoice_lines, 0) as invoice_lines,
    billed.first_invoice_date,
    billed.last_invoice_date
from {{ ref('int_billing_customer_accounts') }} as customers
left join billed on billed.customer_id = customers.customer_id
