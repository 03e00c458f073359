-- ICP vs non-ICP over the last four complete quarters, cohorts pooled: logo churn per quarter
-- (sum of logos churned / sum of customers at start) and quarterly NRR (sum of MRR at end / sum of MRR at start).
with last_complete as (
    select max(fiscal_quarter_index) as q from marts.fct_retention_by_icp where is_complete_quarter
),
recent as (
    select r.*
    from marts.fct_retention_by_icp r, last_complete
    where r.is_complete_quarter and r.fiscal_quarter_index > last_complete.q - 4
)
select is_icp,
       min(fiscal_quarter) as first_quarter, max(fiscal_quarter) as last_quarter,
       sum(customers_at_start) as customers_at_start, sum(logos_churned) as logos_churned,
       sum(logos_churned) * 1.0 / sum(customers_at_start) as logo_churn_rate,
       sum(mrr_at_end) / nullif(sum(mrr_at_start), 0) as net_revenue_retention
from recent
group by is_icp
order by is_icp desc
