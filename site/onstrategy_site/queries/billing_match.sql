-- How billing customers were linked to CRM accounts.
select match_method, count(distinct customer_id) as customers, count(*) as invoice_lines, sum(amount) as amount
from marts.fct_billing_lines
group by 1
order by customers desc
