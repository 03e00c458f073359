{#-
  SPEC: the by-rep mart has a row for every (fiscal quarter, rep) with bookings, pipeline created or activities,
  and no other. Fails with one row per (quarter, rep) missing from the mart or present without any of the three.
-#}
with active_rep_quarters as (
    select fiscal_quarter, rep_id from {{ ref('fct_bookings') }}
    union
    select fiscal_quarter, rep_id
    from {{ ref('fct_pipeline') }}
    where fiscal_quarter is not null
    union
    select fiscal_quarter, rep_id from {{ ref('fct_activities') }}
),

rep_rows as (
    select fiscal_quarter, rep_id from {{ ref('fct_strategy_adherence_by_rep') }}
)

select
    coalesce(active_rep_quarters.fiscal_quarter, rep_rows.fiscal_quarter) as fiscal_quarter,
    coalesce(active_rep_quarters.rep_id, rep_rows.rep_id) as rep_id,
    case
        when rep_rows.rep_id is null then 'active rep quarter missing from by_rep'
        else 'by_rep row without bookings, pipeline or activities'
    end as problem
from active_rep_quarters
full outer join rep_rows
    on rep_rows.fiscal_quarter = active_rep_quarters.fiscal_quarter
    and rep_rows.rep_id = active_rep_quarters.rep_id
where rep_rows.rep_id is null
    or active_rep_quarters.rep_id is null
