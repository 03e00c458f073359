{#- The metric set for the whole company per fiscal quarter. -#}
with company_metrics as (
    {{ onstrategy.strategy_adherence([]) }}
)

select
    fiscal_quarter,
    fiscal_quarter_index
    {%- for column in onstrategy.adherence_columns() %},
    {{ column }}{% endfor %}
from company_metrics
