-- How many reps raised at least one red flag, per quarter.
select fiscal_quarter, fiscal_quarter_index,
       count(*) filter (where red_flag_count > 0) as reps_flagged,
       count(*) filter (where bookings_amount > 0) as reps_selling,
       count(*) as reps_active
from marts.fct_strategy_adherence_by_rep
group by fiscal_quarter, fiscal_quarter_index
order by fiscal_quarter_index
