{#- The metric set per manager and fiscal quarter (SPEC "Organisation"): over the bookings, activities and pipeline
    of every seller under the manager at any depth (int_rep_managers), the same definitions as the by-rep mart. The
    top manager of a company where everyone reports up to one person equals the company (tested). -#}
with manager_metrics as (
    {{ onstrategy.strategy_adherence(['manager_id'], bridge='int_rep_managers') }}
),

reps_under as (
    select
        managers.manager_id,
        rep_quarters.fiscal_quarter_index,
        count(*) as reps
    from {{ ref('fct_strategy_adherence_by_rep') }} as rep_quarters
    inner join {{ ref('int_rep_managers') }} as managers on managers.rep_id = rep_quarters.rep_id
    group by managers.manager_id, rep_quarters.fiscal_quarter_index
)

select
    manager_metrics.fiscal_quarter,
    manager_metrics.fiscal_quarter_index,
    manager_metrics.manager_id,
    coalesce(managers.rep_name, manager_metrics.manager_id) as manager_name,
    coalesce(managers.team, 'No team') as team,
    reps_under.reps
    {%- for column in onstrategy.adherence_columns() %},
    manager_metrics.{{ column }}{% endfor %},
    {{ onstrategy.is_complete_quarter('manager_metrics.fiscal_quarter_index', 'as_of') }} as is_complete_quarter,
    {{ onstrategy.is_as_of_quarter('manager_metrics.fiscal_quarter_index', 'as_of') }} as is_as_of_quarter
from manager_metrics
inner join reps_under
    on reps_under.manager_id = manager_metrics.manager_id
    and reps_under.fiscal_quarter_index = manager_metrics.fiscal_quarter_index
left join {{ ref('dim_reps') }} as managers on managers.rep_id = manager_metrics.manager_id
cross join {{ ref('as_of') }} as as_of
