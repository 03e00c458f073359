{#- SPEC: adherence_score = 100 × weighted mean of min(actual / target, 1): within [0, 100], or NULL when no
    objective has a value. Fails with one row per score outside that range. -#}
with scores as (
    select 'fct_strategy_adherence_by_rep' as mart, fiscal_quarter, rep_id as group_key, adherence_score
    from {{ ref('fct_strategy_adherence_by_rep') }}
    union all
    select 'fct_strategy_adherence_by_team' as mart, fiscal_quarter, team as group_key, adherence_score
    from {{ ref('fct_strategy_adherence_by_team') }}
    union all
    select 'fct_strategy_adherence_company' as mart, fiscal_quarter, 'company' as group_key, adherence_score
    from {{ ref('fct_strategy_adherence_company') }}
    union all
    select 'fct_strategy_adherence_by_rep_year' as mart, fiscal_year, rep_id as group_key, adherence_score
    from {{ ref('fct_strategy_adherence_by_rep_year') }}
    union all
    select 'fct_strategy_adherence_company_year' as mart, fiscal_year, 'company' as group_key, adherence_score
    from {{ ref('fct_strategy_adherence_company_year') }}
)

select *
from scores
where adherence_score < -1e-9
    or adherence_score > 100 + 1e-9
