-- Billed revenue (paid invoice lines, reporting currency) per quarter, product line and ICP flag of the account.
select b.fiscal_quarter, coalesce(b.product_line, 'Unmapped') as product_line,
       case when b.account_id is null then 'Unmatched' when a.is_icp then 'ICP' else 'Non-ICP' end as account_class,
       sum(b.amount) as amount, count(*) as invoice_lines
from marts.fct_billing_lines b
left join marts.dim_accounts a using (account_id)
group by all
order by b.fiscal_quarter, product_line, account_class
