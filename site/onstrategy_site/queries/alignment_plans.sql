-- The approved alignment plans of every version (the strategy tables written from strategy.yml): who approved each
-- and when. `approved_by` is a manager's name or a User Id; for an Id, the user's name from dim_reps.
select plans.version_id, plans.plan_order, plans.team, plans.approved_by,
       coalesce(approver.rep_name, plans.approved_by) as approver_name,
       approver.rep_id as approver_id,
       plans.approved_on
from strategy.strategy_alignment_plans as plans
left join marts.dim_reps as approver on approver.rep_id = plans.approved_by
order by plans.version_id, plans.plan_order
