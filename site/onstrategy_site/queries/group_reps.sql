-- The reps selling in each segment, persona and product line in the as-of quarter (top 25 of each group, with
-- reps_in_group, how many sell in it: the page says "top 25 of 34").
with b as (
    select 'segment' as grain, segment as group_key, rep_id, amount, account_id, is_on_strategy
    from marts.fct_bookings where fiscal_quarter_index = $q
    union all
    select 'persona', persona, rep_id, amount, account_id, is_on_strategy
    from marts.fct_bookings where fiscal_quarter_index = $q
    union all
    select 'product_line', product_line, rep_id, amount, account_id, is_on_strategy
    from marts.fct_bookings where fiscal_quarter_index = $q
), g as (
    select grain, group_key, rep_id, sum(amount) as amount, count(distinct account_id) as accounts,
           coalesce(sum(amount) filter (where is_on_strategy), 0) / nullif(sum(amount), 0) as on_strategy_share
    from b group by grain, group_key, rep_id
)
select g.*, g.amount / nullif(sum(g.amount) over (partition by g.grain, g.group_key), 0) as share_of_group,
       count(*) over (partition by g.grain, g.group_key) as reps_in_group,
       r.rep_name, r.team
from g
left join marts.dim_reps r using (rep_id)
qualify row_number() over (partition by g.grain, g.group_key order by g.amount desc, g.rep_id) <= 25
order by g.grain, g.group_key, g.amount desc
