{#- Stripe customers linked to no Salesforce account, with what they were billed, for RevOps to fix the CRM. -#}
select
    customers.customer_id,
    customers.customer_name,
    customers.email_domain,
    coalesce(sum(lines.amount), 0) as billed_amount,
    count(lines.invoice_line_id) as invoice_lines
from {{ ref('int_billing_customer_accounts') }} as customers
left join {{ ref('fct_billing_lines') }} as lines on lines.customer_id = customers.customer_id
where customers.match_method = 'unmatched'
group by customers.customer_id, customers.customer_name, customers.email_domain
