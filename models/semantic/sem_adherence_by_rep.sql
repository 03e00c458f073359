{#- The non-additive rep metrics of marts.fct_strategy_adherence_by_rep, with the quarter's first day for
    MetricFlow. -#}
{{ onstrategy.non_additive_adherence('fct_strategy_adherence_by_rep', ['rep_id', 'rep_name', 'team']) }}
