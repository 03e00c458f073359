-- Do the teams' plans add up to the company's objectives: per version with plans and company objective, the target
-- the plans imply (bookings-weighted) against the company's, and the gap (negative: the plans fall short).
select version_id, metric, company_target, implied_target, plan_gap
from marts.fct_alignment_rollup
order by version_id, metric
