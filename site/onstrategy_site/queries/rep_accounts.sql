-- The top accounts of each rep over the last four quarters up to the as-of quarter (names from dim_accounts).
with a as (
    select rep_id, account_id, sum(amount) as amount,
           coalesce(sum(amount) filter (where is_on_strategy), 0) / nullif(sum(amount), 0) as on_strategy_share,
           count(distinct opportunity_id) as opportunities_won,
           max(close_date) as last_close_date
    from marts.fct_bookings
    where fiscal_quarter_index between $q - 3 and $q
    group by rep_id, account_id
)
select a.*, d.account_name, d.segment, d.is_icp, d.is_target_account
from a
left join marts.dim_accounts d using (account_id)
qualify row_number() over (partition by a.rep_id order by a.amount desc, a.account_id) <= 8
order by a.rep_id, a.amount desc
