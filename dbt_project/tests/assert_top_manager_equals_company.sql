{#-
  SPEC "Organisation": a manager's roll-up is the business of every seller under it, so a manager under whom every
  rep of the quarter falls (the top of the organisation) has the company's numbers: its amounts and counts exactly
  (amounts within 0.01), its shares, product balance and adherence score within 1e-9, and the same red flags.
-#}
{%- set exact = onstrategy.additive_metric_tolerances() -%}
{%- set ratios = ['on_strategy_share', 'icp_share', 'strategic_product_share', 'product_balance_score',
                  'icp_customer_share', 'icp_time_share', 'adherence_score'] -%}
with reps_per_quarter as (
    select fiscal_quarter_index, count(*) as reps
    from {{ ref('fct_strategy_adherence_by_rep') }}
    group by fiscal_quarter_index
),

top_managers as (
    select managers.*
    from {{ ref('fct_strategy_adherence_by_manager') }} as managers
    inner join reps_per_quarter
        on reps_per_quarter.fiscal_quarter_index = managers.fiscal_quarter_index
        and reps_per_quarter.reps = managers.reps
)

select top_managers.fiscal_quarter, top_managers.manager_id, 'red_flags' as metric
from top_managers
inner join {{ ref('fct_strategy_adherence_company') }} as company
    on company.fiscal_quarter_index = top_managers.fiscal_quarter_index
where top_managers.red_flags != company.red_flags
{%- for column, tolerance in exact.items() %}
union all
select top_managers.fiscal_quarter, top_managers.manager_id, '{{ column }}' as metric
from top_managers
inner join {{ ref('fct_strategy_adherence_company') }} as company
    on company.fiscal_quarter_index = top_managers.fiscal_quarter_index
where abs(top_managers.{{ column }} - company.{{ column }}) > {{ tolerance }}
{%- endfor %}
{%- for column in ratios %}
union all
select top_managers.fiscal_quarter, top_managers.manager_id, '{{ column }}' as metric
from top_managers
inner join {{ ref('fct_strategy_adherence_company') }} as company
    on company.fiscal_quarter_index = top_managers.fiscal_quarter_index
where abs(coalesce(top_managers.{{ column }}, -1) - coalesce(company.{{ column }}, -1)) > 1e-9
{%- endfor %}
