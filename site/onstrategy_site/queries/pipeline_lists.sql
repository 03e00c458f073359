-- Pipeline review lists over open opportunities: the cull list (open on non-ICP accounts), the top late-stage
-- ICP opportunities (fct_pipeline.is_late_stage) and the top-value ICP opportunities.
with open_opps as (
    select opportunity_id, opportunity_name, account_id, account_name, rep_id, team, stage_name, probability,
           created_date, close_date, amount, segment, is_icp, is_late_stage
    from marts.fct_pipeline
    where not is_closed
), cull as (
    select 'cull' as list, * from open_opps where not coalesce(is_icp, false)
    qualify row_number() over (order by amount desc nulls last, opportunity_id) <= 100
), late as (
    select 'late_stage' as list, * from open_opps where is_icp and is_late_stage
    qualify row_number() over (order by amount desc nulls last, opportunity_id) <= 50
), top_value as (
    select 'top_value' as list, * from open_opps where is_icp
    qualify row_number() over (order by amount desc nulls last, opportunity_id) <= 50
)
select l.*, r.rep_name
from (select * from cull union all select * from late union all select * from top_value) l
left join marts.dim_reps r using (rep_id)
order by l.list, l.amount desc nulls last, l.opportunity_id
