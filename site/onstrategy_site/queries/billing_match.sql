-- How Stripe customers were linked to CRM accounts (every customer, billed or not).
select match_method, count(*) as customers, sum(invoice_lines) as invoice_lines, sum(billed_amount) as amount
from marts.dim_billing_customers
group by match_method
order by customers desc, match_method
