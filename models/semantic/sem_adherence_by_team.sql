{#- The non-additive team metrics of marts.fct_strategy_adherence_by_team, with the quarter's first day for
    MetricFlow. -#}
{{ onstrategy.non_additive_adherence('fct_strategy_adherence_by_team', ['team']) }}
