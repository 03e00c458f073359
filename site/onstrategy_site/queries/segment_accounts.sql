-- The top accounts of each segment in the as-of quarter (top 15 of each segment).
with a as (
    select segment, account_id, sum(amount) as amount, count(distinct rep_id) as reps,
           count(distinct opportunity_id) as opportunities_won,
           coalesce(sum(amount) filter (where is_on_strategy), 0) / nullif(sum(amount), 0) as on_strategy_share
    from marts.fct_bookings
    where fiscal_quarter_index = $q
    group by segment, account_id
)
select a.*, d.account_name, d.is_icp, d.is_target_account
from a left join marts.dim_accounts d using (account_id)
qualify row_number() over (partition by a.segment order by a.amount desc, a.account_id) <= 15
order by a.segment, a.amount desc
