{#-
  fct_retention_by_icp: a (quarter, is_icp) row has a non-empty cohort; logos churned are part of it;
  logo_churn_rate = logos_churned / customers_at_start in [0, 1]; MRR is never negative and
  net_revenue_retention = mrr_at_end / mrr_at_start (NULL when mrr_at_start is 0).
  Fails with one row per offending row.
-#}
select *
from {{ ref('fct_retention_by_icp') }}
where customers_at_start <= 0
    or logos_churned < 0
    or logos_churned > customers_at_start
    or logo_churn_rate is null
    or logo_churn_rate < 0
    or logo_churn_rate > 1
    or abs(logo_churn_rate - cast(logos_churned as {{ onstrategy.type_double() }}) / customers_at_start) > 1e-9
    or mrr_at_start < 0
    or mrr_at_end < 0
    or (mrr_at_start = 0 and net_revenue_retention is not null)
    or (mrr_at_start > 0 and abs(net_revenue_retention - mrr_at_end / mrr_at_start) > 1e-9)
