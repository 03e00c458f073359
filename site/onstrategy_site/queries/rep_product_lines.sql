-- Bookings per rep and product line: in the as-of quarter (with the line's share of the rep's quarter and the
-- line's target share for that quarter) and over all history. Every line with a target in the as-of quarter is
-- listed for every rep with bookings, at 0 when the rep never sold it: the largest gap is a line not sold at all.
-- amount_y and share_of_rep_y: the same over the as-of quarter's fiscal year to date ($fy, its label: the quarters
-- `FY2027-Q1` .. of `FY2027`), for the year's picture of two reps.
with lines as (
    select rep_id, product_line,
           coalesce(sum(amount) filter (where fiscal_quarter_index = $q), 0) as amount_q,
           count(distinct account_id) filter (where fiscal_quarter_index = $q) as accounts_q,
           coalesce(sum(amount) filter (where fiscal_quarter like $fy || '-Q%'), 0) as amount_y,
           sum(amount) as amount_all
    from marts.fct_bookings
    group by rep_id, product_line
), targets as (
    select product_line, target_share, is_strategic, is_deprioritized
    from marts.fct_strategy_adherence_by_product
    where fiscal_quarter_index = $q
), rep_lines as (
    select rep_id, product_line from lines
    union
    select reps.rep_id, targets.product_line
    from (select distinct rep_id from lines) as reps
    cross join targets
    where targets.target_share > 0 or targets.is_strategic
)
select r.rep_id, r.product_line, coalesce(l.amount_q, 0) as amount_q, coalesce(l.accounts_q, 0) as accounts_q,
       coalesce(l.amount_all, 0) as amount_all,
       coalesce(l.amount_q, 0) / nullif(sum(l.amount_q) over (partition by r.rep_id), 0) as share_of_rep_q,
       coalesce(l.amount_y, 0) / nullif(sum(l.amount_y) over (partition by r.rep_id), 0) as share_of_rep_y,
       coalesce(l.amount_q, 0) / nullif(sum(l.amount_q) over (partition by r.product_line), 0) as share_of_line_q,
       t.target_share, t.is_strategic, t.is_deprioritized
from rep_lines r
left join lines l using (rep_id, product_line)
left join targets t using (product_line)
order by r.rep_id, amount_q desc, amount_all desc, r.product_line
