-- Every open opportunity, largest first: the rep and account pages list their own.
select
    pipeline.opportunity_id,
    pipeline.opportunity_name,
    pipeline.account_id,
    pipeline.account_name,
    pipeline.rep_id,
    reps.rep_name,
    pipeline.team,
    pipeline.stage_name,
    pipeline.probability,
    pipeline.created_date,
    pipeline.close_date,
    pipeline.amount,
    pipeline.segment,
    pipeline.is_icp,
    pipeline.is_late_stage
from marts.fct_pipeline as pipeline
left join marts.dim_reps as reps on reps.rep_id = pipeline.rep_id
where not pipeline.is_closed
order by pipeline.amount desc nulls last, pipeline.opportunity_id
