{#-
  SPEC: by-rep sums equal company totals. Per fiscal quarter, the additive columns of
  fct_strategy_adherence_by_rep summed over reps equal fct_strategy_adherence_company (amounts within 0.01,
  counts exactly); a quarter present in only one of the two marts fails too. Every booking, opportunity and
  activity has exactly one owner, so nothing may be lost or counted twice.
-#}
{{ onstrategy.group_totals_mismatches('fct_strategy_adherence_by_rep') }}
