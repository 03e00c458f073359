{#- SPEC "Fiscal years": per fiscal year, the additive columns of fct_strategy_adherence_by_rep_year summed over
    reps equal fct_strategy_adherence_company_year, as the quarterly marts do. -#}
{{ onstrategy.group_totals_mismatches('fct_strategy_adherence_by_rep_year', 'fct_strategy_adherence_company_year',
                                      'fiscal_year') }}
