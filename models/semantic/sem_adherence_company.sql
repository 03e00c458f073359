{#- The non-additive company metrics of marts.fct_strategy_adherence_company, with the quarter's first day for
    MetricFlow. -#}
{{ onstrategy.non_additive_adherence('fct_strategy_adherence_company') }}
