-- How many billing customers are linked to no CRM account (the unmatched list shows the largest of them only).
select count(*) as customers
from marts.billing_unmatched_customers
