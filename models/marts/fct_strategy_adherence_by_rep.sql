{#- The metric set per rep and fiscal quarter (every rep with bookings, activities or pipeline created). -#}
with rep_metrics as (
    {{ onstrategy.strategy_adherence(['rep_id']) }}
)

select
    rep_metrics.fiscal_quarter,
    rep_metrics.fiscal_quarter_index,
    rep_metrics.rep_id,
    coalesce(reps.rep_name, rep_metrics.rep_id) as rep_name,
    coalesce(reps.team, 'No team') as team
    {%- for column in onstrategy.adherence_columns() if column != 'reps_selling' %},
    rep_metrics.{{ column }}{% endfor %},
    {{ onstrategy.is_complete_quarter('rep_metrics.fiscal_quarter_index', 'as_of') }} as is_complete_quarter,
    {{ onstrategy.is_as_of_quarter('rep_metrics.fiscal_quarter_index', 'as_of') }} as is_as_of_quarter
from rep_metrics
left join {{ ref('dim_reps') }} as reps on reps.rep_id = rep_metrics.rep_id
cross join {{ ref('as_of') }} as as_of
