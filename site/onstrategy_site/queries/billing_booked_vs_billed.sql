-- Booked vs billed, all history, ICP vs non-ICP accounts (ICP status today).
select is_icp, count(*) as accounts, sum(booked_amount) as booked_amount, sum(billed_amount) as billed_amount,
       sum(billed_amount) / nullif(sum(booked_amount), 0) as billed_to_booked_ratio,
       sum(current_mrr) as current_mrr
from marts.fct_booked_vs_billed_by_account
group by is_icp
order by is_icp desc
