-- Strategy credit per seller (marts.fct_strategy_credit_by_rep) for each quarter of the period selector (the as-of
-- quarter $q and the three before it) and for the as-of quarter's fiscal year to date ($fy, its label: the quarters
-- `FY2027-Q1` .. of `FY2027`, the in-progress one included, as the yearly adherence marts count them). `period` is
-- the quarter's label or the year's. The year sums each seller's quarters (each quarter's credit scaled by its own
-- budget-neutral k) and ranks the sums again (`rank()` descending over the sellers with bookings in the year);
-- its quota is the sum of the quarters' quotas, NULL when no quarter has one.
with quarters as (
    select fiscal_quarter as period, fiscal_quarter_index, rep_id, rep_name, team, bookings_amount, strategy_credit,
           credit_ratio, bookings_rank, credit_rank, rank_shift, quota, attainment, credit_attainment
    from marts.fct_strategy_credit_by_rep
    where fiscal_quarter_index between $q - 3 and $q
), year_sums as (
    select rep_id,
           arg_max(rep_name, fiscal_quarter_index) as rep_name,
           arg_max(team, fiscal_quarter_index) as team,
           sum(bookings_amount) as bookings_amount,
           sum(strategy_credit) as strategy_credit,
           sum(quota) as quota,
           bool_or(bookings_rank is not null) as has_bookings
    from marts.fct_strategy_credit_by_rep
    where fiscal_quarter like $fy || '-Q%'
    group by rep_id
), year_ranked as (
    select *,
           case when has_bookings then rank() over (partition by has_bookings order by bookings_amount desc) end
               as bookings_rank,
           case when has_bookings then rank() over (partition by has_bookings order by strategy_credit desc nulls last)
           end as credit_rank
    from year_sums
)
select * from quarters
union all by name
select $fy as period, null::integer as fiscal_quarter_index, rep_id, rep_name, team, bookings_amount,
       strategy_credit, strategy_credit / nullif(bookings_amount, 0) as credit_ratio, bookings_rank, credit_rank,
       bookings_rank - credit_rank as rank_shift, quota, bookings_amount / nullif(quota, 0) as attainment,
       strategy_credit / nullif(quota, 0) as credit_attainment
from year_ranked
where $fy <> ''
order by period, rank_shift desc nulls last, credit_ratio desc nulls last, rep_id
