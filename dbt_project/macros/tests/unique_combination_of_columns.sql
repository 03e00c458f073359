{#-
  Generic test: no two rows share the same values of `combination_of_columns` (a model's compound key).
  A NULL key part counts as a value (coalesced to a marker), so two rows that differ only by NULL vs NULL collide.
  Usage (model level):
      data_tests:
        - onstrategy.unique_combination_of_columns:
            arguments:
              combination_of_columns: [fiscal_quarter, rep_id]
-#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
    {%- set key_parts = [] -%}
    {%- for column in combination_of_columns -%}
        {%- do key_parts.append("coalesce(" ~ dbt.cast(column, api.Column.translate_type("string")) ~ ", '<null>')") -%}
    {%- endfor %}
    with key_values as (
        select
            {% for part in key_parts %}{{ part }} as key_{{ loop.index }}{{ "," if not loop.last }}
            {% endfor %}
        from {{ model }}
    )

    select {% for part in key_parts %}key_{{ loop.index }}, {% endfor %}count(*) as rows_with_key
    from key_values
    group by {% for part in key_parts %}key_{{ loop.index }}{{ ", " if not loop.last }}{% endfor %}
    having count(*) > 1
{% endtest %}
