-- The line of sight from each team's alignment plan to the company's objectives (SPEC "Sales alignment plans"), per
-- version with plans: every team with sellers x company objective (direct / not_covered / no_plan), plus a row
-- `indirect` for a priority on a metric the company does not have as an objective.
select version_id, team, metric, company_target, team_target, line_of_sight
from marts.fct_alignment_line_of_sight
order by version_id, team, metric
