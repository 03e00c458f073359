{#- The status columns of the quarterly and yearly marts, read from the one-row `marts.as_of` (alias `as_of_alias`). -#}

{#- Whether the quarter had ended by the data-through date (the latest booking close date). -#}
{% macro is_complete_quarter(quarter_index, as_of_alias) -%}
    coalesce({{ quarter_index }} <= {{ as_of_alias }}.last_complete_quarter_index, false)
{%- endmacro %}

{#- Whether the quarter is the as-of quarter: the one the site's banner and the cookbook call "this quarter". -#}
{% macro is_as_of_quarter(quarter_index, as_of_alias) -%}
    coalesce({{ quarter_index }} = {{ as_of_alias }}.as_of_quarter_index, false)
{%- endmacro %}

{#- A yearly mart's status columns, from int_fiscal_years (alias `years_alias`) and `marts.as_of`. -#}

{#- Whether the fiscal year had ended by the data-through date (the latest booking close date). -#}
{% macro is_complete_year(years_alias, as_of_alias) -%}
    coalesce({{ years_alias }}.fiscal_year_end <= {{ as_of_alias }}.data_through_date, false)
{%- endmacro %}

{#- Whether the fiscal year holds the as-of quarter: the year the site calls "this fiscal year (to date)". -#}
{% macro is_as_of_year(years_alias, as_of_alias) -%}
    coalesce({{ as_of_alias }}.as_of_quarter_start between {{ years_alias }}.fiscal_year_start
                                                      and {{ years_alias }}.fiscal_year_end, false)
{%- endmacro %}
