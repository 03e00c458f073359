-- Billed revenue (paid invoice lines, reporting currency) per quarter, product line and ICP status of the account
-- on the invoice date.
select fiscal_quarter, product_line,
       case when account_id is null then 'Unmatched' when is_icp then 'ICP' else 'Non-ICP' end as account_class,
       sum(amount) as amount, count(*) as invoice_lines
from marts.fct_billing_lines
group by all
order by fiscal_quarter, product_line, account_class
