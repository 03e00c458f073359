-- The company's bookings and credit per period of the selector (the quarters $q - 3 .. $q and the fiscal year to
-- date $fy, as in credit_by_rep.sql), from marts.fct_bookings: raw credit (amount x credit_multiplier) and the
-- budget-neutral scale k = bookings / raw credit of each quarter (a year holds several: `k_min`, `k_max`), the
-- version of its lines (`version_ids`, comma-joined) and how many sellers gain or lose places.
with lines as (
    select fiscal_quarter as period, fiscal_quarter_index, amount, raw_credit, strategy_credit, version_id
    from marts.fct_bookings
    where fiscal_quarter_index between $q - 3 and $q
    union all
    select $fy as period, fiscal_quarter_index, amount, raw_credit, strategy_credit, version_id
    from marts.fct_bookings
    where $fy <> '' and fiscal_quarter like $fy || '-Q%'
), per_quarter as (
    select period, fiscal_quarter_index, sum(amount) as bookings_amount, sum(raw_credit) as raw_credit,
           sum(strategy_credit) as strategy_credit, sum(amount) / nullif(sum(raw_credit), 0) as k
    from lines
    group by period, fiscal_quarter_index
)
select p.period, sum(p.bookings_amount) as bookings_amount, sum(p.raw_credit) as raw_credit,
       sum(p.strategy_credit) as strategy_credit, min(p.k) as k_min, max(p.k) as k_max,
       count(*) as quarters,
       (select string_agg(distinct l.version_id::varchar, ',' order by l.version_id::varchar)
        from lines l where l.period = p.period) as version_ids
from per_quarter p
group by p.period
order by p.period
