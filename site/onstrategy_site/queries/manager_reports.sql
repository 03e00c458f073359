-- Every user of dim_reps with a direct manager (dim_reps.manager_id): who they report to, and whether they manage
-- others with a roll-up (a row in fct_strategy_adherence_by_manager). Managers first, then by name.
select users.manager_id, users.rep_id as report_id, users.rep_name as report_name, users.team,
       users.manager_name,
       users.rep_id in (select manager_id from marts.fct_strategy_adherence_by_manager) as has_rollup
from marts.dim_reps as users
where users.manager_id is not null
order by users.manager_id, has_rollup desc, users.rep_name, users.rep_id
