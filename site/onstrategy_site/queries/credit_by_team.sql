-- Bookings against strategy credit per team (the sellers' teams in marts.fct_strategy_credit_by_rep), for each
-- quarter of the period selector and the fiscal year to date ($fy), as credit_by_rep.sql reads them.
with rows as (
    select fiscal_quarter as period, team, rep_id, bookings_amount, strategy_credit
    from marts.fct_strategy_credit_by_rep
    where fiscal_quarter_index between $q - 3 and $q
    union all
    select $fy as period, team, rep_id, bookings_amount, strategy_credit
    from marts.fct_strategy_credit_by_rep
    where $fy <> '' and fiscal_quarter like $fy || '-Q%'
)
select period, team, count(distinct rep_id) filter (where bookings_amount <> 0) as reps_selling,
       sum(bookings_amount) as bookings_amount, sum(strategy_credit) as strategy_credit,
       sum(strategy_credit) - sum(bookings_amount) as credit_minus_bookings,
       sum(strategy_credit) / nullif(sum(bookings_amount), 0) as credit_ratio,
       sum(bookings_amount) / nullif(sum(sum(bookings_amount)) over (partition by period), 0) as share_of_bookings,
       sum(strategy_credit) / nullif(sum(sum(strategy_credit)) over (partition by period), 0) as share_of_credit
from rows
group by period, team
order by period, bookings_amount desc, team
