-- Billed revenue per quarter and ICP flag of the account.
select b.fiscal_quarter,
       coalesce(sum(b.amount) filter (where a.is_icp), 0) as icp_amount,
       coalesce(sum(b.amount) filter (where not a.is_icp), 0) as non_icp_amount,
       coalesce(sum(b.amount) filter (where b.account_id is null), 0) as unmatched_amount,
       sum(b.amount) as amount
from marts.fct_billing_lines b
left join marts.dim_accounts a using (account_id)
group by 1
order by 1
