{#-
  Generic test: `column_name` is unique (NULLs ignored), like dbt's `unique`, for the big incremental activity models.
  On an incremental build (the pipeline sets ONSTRATEGY_DBT_INCREMENTAL=true, macros/incremental/incremental_builds.sql) only the keys
  this build recomputed are checked: the model deleted and re-inserted exactly those keys, every other row is as the
  previous successful build left it, and that build's check passed. A duplicate therefore always involves a
  recomputed key, and the check reads ~1% of the keys instead of grouping every row. Any other build (a full refresh,
  a hand-run `dbt build`) checks every row.
  `recomputed`: task, event or activity (tasks and events), the keys of the new batch files of those objects.
  Usage:
      data_tests:
        - onstrategy.unique_recomputed_key:
            arguments:
              recomputed: activity
-#}
{% test unique_recomputed_key(model, column_name, recomputed) %}
    select {{ column_name }} as unique_field, count(*) as n_records
    from {{ model }}
    where {{ column_name }} is not null
    {%- if onstrategy.is_incremental_build() %}
      and {{ column_name }} in ({{ onstrategy.recomputed_keys(recomputed) }})
    {%- endif %}
    group by {{ column_name }}
    having count(*) > 1
{% endtest %}
