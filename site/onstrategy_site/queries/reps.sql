-- Every rep of dim_reps (and any rep of the adherence table missing from it), with the as-of quarter's row and
-- the change of its adherence score since the previous quarter.
with reps as (
    select rep_id, rep_name, team, is_active from marts.dim_reps
    union all
    select distinct r.rep_id, r.rep_name, r.team, null::boolean
    from marts.fct_strategy_adherence_by_rep r
    where r.rep_id not in (select rep_id from marts.dim_reps)
)
select reps.rep_id, reps.rep_name, reps.team, reps.is_active,
       a.* exclude (rep_id, rep_name, team),
       a.adherence_score - p.adherence_score as d_adherence_score,
       (select count(*) from marts.fct_strategy_adherence_by_rep x where x.rep_id = reps.rep_id
                                                                   and x.bookings_amount > 0) as quarters_with_bookings
from reps
left join marts.fct_strategy_adherence_by_rep a
    on a.rep_id = reps.rep_id and a.fiscal_quarter_index = $q
-- the previous quarter's row: the reps index's Δ adherence (NULL for a rep without both quarters)
left join marts.fct_strategy_adherence_by_rep p
    on p.rep_id = reps.rep_id and p.fiscal_quarter_index = $q - 1
order by reps.rep_name, reps.rep_id
