-- Billed revenue per quarter and ICP status of the account on the invoice date (unmatched customers apart).
select fiscal_quarter, fiscal_quarter_index,
       coalesce(sum(amount) filter (where is_icp), 0) as icp_amount,
       coalesce(sum(amount) filter (where not is_icp), 0) as non_icp_amount,
       coalesce(sum(amount) filter (where account_id is null), 0) as unmatched_amount,
       sum(amount) as amount
from marts.fct_billing_lines
group by fiscal_quarter, fiscal_quarter_index
order by fiscal_quarter_index
