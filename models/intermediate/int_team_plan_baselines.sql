{#- The metric set of each team over each plan version's baseline window (the four fiscal quarters before the
    version's effective_from; int_alignment_baselines), by the same definitions as every adherence mart: a team's
    weight in the alignment roll-up is its bookings here, and its actual here stands in for a target its plan does
    not set (SPEC "Sales alignment plans"). -#}
{{ onstrategy.strategy_adherence(['team'], period='plan_baseline') }}
