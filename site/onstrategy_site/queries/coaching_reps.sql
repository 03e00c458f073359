-- "Coach this quarter" (SPEC "Coaching"): every seller with bookings in the as-of quarter ($q), the points their
-- adherence score lost (100 - score = the sum of fct_coaching.points_lost), their top gap with its topic and how
-- many consecutive quarters it has lasted, their direct manager and the chain of managers above them.
select coaching.rep_id, any_value(coaching.rep_name) as rep_name, any_value(coaching.team) as team,
       any_value(coaching.manager_id) as manager_id, any_value(coaching.manager_name) as manager_name,
       any_value(users.manager_chain) as manager_chain,
       sum(coaching.points_lost) as points_lost, any_value(coaching.adherence_score) as adherence_score,
       any_value(coaching.metric) filter (where coaching.is_top_gap) as top_gap,
       any_value(coaching.points_lost) filter (where coaching.is_top_gap) as top_gap_points,
       any_value(coaching.topic) filter (where coaching.is_top_gap) as topic,
       any_value(coaching.persistence_quarters) filter (where coaching.is_top_gap) as persistence_quarters
from marts.fct_coaching as coaching
left join marts.dim_reps as users on users.rep_id = coaching.rep_id
where coaching.fiscal_quarter_index = $q
group by coaching.rep_id
order by points_lost desc, rep_name, coaching.rep_id
