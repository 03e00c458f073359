-- Bookings per rep and product line: in the as-of quarter (with the line's share of the rep's quarter and the
-- line's target share for that quarter) and over all history. Used by rep pages and product-line pages.
with lines as (
    select rep_id, product_line,
           coalesce(sum(amount) filter (where fiscal_quarter_index = $q), 0) as amount_q,
           count(distinct account_id) filter (where fiscal_quarter_index = $q) as accounts_q,
           sum(amount) as amount_all
    from marts.fct_bookings
    group by rep_id, product_line
), targets as (
    select product_line, target_share, is_strategic, is_deprioritized
    from marts.fct_strategy_adherence_by_product
    where fiscal_quarter_index = $q
)
select l.rep_id, l.product_line, l.amount_q, l.accounts_q, l.amount_all,
       l.amount_q / nullif(sum(l.amount_q) over (partition by l.rep_id), 0) as share_of_rep_q,
       l.amount_q / nullif(sum(l.amount_q) over (partition by l.product_line), 0) as share_of_line_q,
       t.target_share, t.is_strategic, t.is_deprioritized
from lines l
left join targets t using (product_line)
order by l.rep_id, l.amount_q desc, l.amount_all desc, l.product_line
