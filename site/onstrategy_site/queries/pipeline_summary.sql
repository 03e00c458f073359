-- Open pipeline by ICP flag: opportunities, amount, late-stage amount.
select coalesce(is_icp, false) as is_icp,
       count(*) as opportunities,
       sum(amount) as amount,
       coalesce(sum(amount) filter (where is_late_stage), 0) as late_stage_amount
from marts.fct_pipeline
where not is_closed
group by 1
order by 1 desc
