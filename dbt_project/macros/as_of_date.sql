{#- The date "today" is taken at (version in force today): the `as_of_date` var when set, else the run's date. -#}
{% macro as_of_date() -%}
    {%- if var('as_of_date', none) -%}
        cast('{{ var("as_of_date") }}' as date)
    {%- else -%}
        cast({{ dbt.current_timestamp() }} as date)
    {%- endif -%}
{%- endmacro %}
