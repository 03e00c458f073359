{#- The metric set per rep and fiscal year (SPEC "Fiscal years"): the same definitions as the quarterly mart over the
    year's booking lines, activities and pipeline, each line judged by its own version; the year's version sets the
    target mix, objectives and red flags. The grain of the two-$5M-reps comparison. -#}
with rep_metrics as (
    {{ onstrategy.strategy_adherence(['rep_id'], period='year') }}
)

select
    rep_metrics.fiscal_year,
    rep_metrics.fiscal_year_number,
    rep_metrics.rep_id,
    coalesce(reps.rep_name, rep_metrics.rep_id) as rep_name,
    coalesce(reps.team, 'No team') as team
    {%- for column in onstrategy.adherence_columns() if column != 'reps_selling' %},
    rep_metrics.{{ column }}{% endfor %},
    {{ onstrategy.is_complete_year('years', 'as_of') }} as is_complete_year,
    {{ onstrategy.is_as_of_year('years', 'as_of') }} as is_as_of_year
from rep_metrics
inner join {{ ref('int_fiscal_years') }} as years on years.fiscal_year_number = rep_metrics.fiscal_year_number
left join {{ ref('dim_reps') }} as reps on reps.rep_id = rep_metrics.rep_id
cross join {{ ref('as_of') }} as as_of
