{#- The metric set for the whole company per fiscal year (SPEC "Fiscal years"), as fct_strategy_adherence_company
    per quarter. -#}
with company_metrics as (
    {{ onstrategy.strategy_adherence([], period='year') }}
)

select
    company_metrics.fiscal_year,
    company_metrics.fiscal_year_number
    {%- for column in onstrategy.adherence_columns() %},
    company_metrics.{{ column }}{% endfor %},
    {{ onstrategy.is_complete_year('years', 'as_of') }} as is_complete_year,
    {{ onstrategy.is_as_of_year('years', 'as_of') }} as is_as_of_year
from company_metrics
inner join {{ ref('int_fiscal_years') }} as years on years.fiscal_year_number = company_metrics.fiscal_year_number
cross join {{ ref('as_of') }} as as_of
