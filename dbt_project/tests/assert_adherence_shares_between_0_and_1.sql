{#-
  SPEC: shares are in [0, 1] or NULL. Checks every column of every strategy-adherence mart whose name ends in
  `_share`, plus share_of_quarter and product_balance_score (columns as documented in the models' YAML; a mart
  with no such column documented fails the test, so an undocumented mart cannot slip through).
  Fails with one row per value outside [0, 1] (a tolerance of 1e-9 absorbs floating-point rounding).
-#}
-- depends_on: {{ ref('fct_strategy_adherence_by_rep') }}
-- depends_on: {{ ref('fct_strategy_adherence_by_team') }}
-- depends_on: {{ ref('fct_strategy_adherence_by_segment') }}
-- depends_on: {{ ref('fct_strategy_adherence_by_persona') }}
-- depends_on: {{ ref('fct_strategy_adherence_by_product') }}
-- depends_on: {{ ref('fct_strategy_adherence_company') }}
-- depends_on: {{ ref('fct_strategy_adherence_by_rep_year') }}
-- depends_on: {{ ref('fct_strategy_adherence_company_year') }}
{%- set adherence_marts = ['fct_strategy_adherence_by_rep', 'fct_strategy_adherence_by_team',
                           'fct_strategy_adherence_by_segment', 'fct_strategy_adherence_by_persona',
                           'fct_strategy_adherence_by_product', 'fct_strategy_adherence_company',
                           'fct_strategy_adherence_by_rep_year', 'fct_strategy_adherence_company_year'] -%}
{%- set checks = onstrategy.documented_share_columns(adherence_marts) %}

with share_values as (
    {%- for mart, column in checks %}
    select
        '{{ mart }}' as mart,
        '{{ column }}' as share_column,
        {{ 'fiscal_year' if mart.endswith('_year') else 'fiscal_quarter' }} as period,
        cast({{ column }} as {{ onstrategy.type_double() }}) as share_value
    from {{ ref(mart) }}
    {{ "union all" if not loop.last }}
    {%- endfor %}
    {%- if not checks %}
    select
        cast(null as {{ dbt.type_string() }}) as mart,
        cast(null as {{ dbt.type_string() }}) as share_column,
        cast(null as {{ dbt.type_string() }}) as period,
        cast(null as {{ onstrategy.type_double() }}) as share_value
    {%- endif %}
)

select *
from share_values
where share_value < -1e-9
    or share_value > 1 + 1e-9
