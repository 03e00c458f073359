{#- Stripe customers linked to no Salesforce account, with why and what they were billed, for RevOps to fix the CRM. -#}
select
    customer_id,
    customer_name,
    email_domain,
    unmatched_reason,
    metadata_account_id,
    billed_amount,
    invoice_lines,
    last_invoice_date
from {{ ref('dim_billing_customers') }}
where match_method = 'unmatched'
