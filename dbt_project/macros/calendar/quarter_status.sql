{#- A quarterly mart's status columns, read from the one-row `marts.as_of` joined under the alias `as_of_alias`. -#}

{#- Whether the quarter had ended by the data-through date (the latest booking close date). -#}
{% macro is_complete_quarter(quarter_index, as_of_alias) -%}
    coalesce({{ quarter_index }} <= {{ as_of_alias }}.last_complete_quarter_index, false)
{%- endmacro %}

{#- Whether the quarter is the as-of quarter: the one the site's banner and the cookbook call "this quarter". -#}
{% macro is_as_of_quarter(quarter_index, as_of_alias) -%}
    coalesce({{ quarter_index }} = {{ as_of_alias }}.as_of_quarter_index, false)
{%- endmacro %}
