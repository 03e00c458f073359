-- Billing customers not linked to any CRM account (no customer names: ids and domains only).
select customer_id, email_domain, unmatched_reason, billed_amount, invoice_lines
from marts.billing_unmatched_customers
order by billed_amount desc nulls last, customer_id
limit 200
