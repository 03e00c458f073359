-- Each team's progress on its plan's priorities, per fiscal quarter up to the as-of one ($q), in plan order.
select fiscal_quarter, fiscal_quarter_index, version_id, team, priority_order, metric, team_target, action, actual,
       met, is_complete_quarter
from marts.fct_alignment_progress
where fiscal_quarter_index <= $q
order by fiscal_quarter_index, team, priority_order
