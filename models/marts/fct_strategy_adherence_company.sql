{#- The metric set for the whole company per fiscal quarter. -#}
with company_metrics as (
    {{ onstrategy.strategy_adherence([]) }}
)

select
    company_metrics.fiscal_quarter,
    company_metrics.fiscal_quarter_index
    {%- for column in onstrategy.adherence_columns() %},
    company_metrics.{{ column }}{% endfor %},
    {{ onstrategy.is_complete_quarter('company_metrics.fiscal_quarter_index', 'as_of') }} as is_complete_quarter,
    {{ onstrategy.is_as_of_quarter('company_metrics.fiscal_quarter_index', 'as_of') }} as is_as_of_quarter
from company_metrics
cross join {{ ref('as_of') }} as as_of
