-- Where each seller's adherence points went (fct_coaching, SPEC "Coaching"): a row per seller, quarter and
-- objective for the quarters the selector offers ($q and the three before it), the most points lost first.
select fiscal_quarter, fiscal_quarter_index, rep_id, metric, topic, actual, target, weight, points_lost,
       is_top_gap, persistence_quarters, adherence_score,
       sum(points_lost) over (partition by rep_id, fiscal_quarter_index) as points_lost_total
from marts.fct_coaching
where fiscal_quarter_index between $q - 3 and $q
order by rep_id, fiscal_quarter_index, points_lost desc, metric
