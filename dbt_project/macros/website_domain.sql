{#- A web address or email reduced to its domain: lower case, scheme, `www.` and path removed. -#}
{% macro website_domain(column) -%}
    nullif({{ dbt.split_part(
        "regexp_replace(regexp_replace(lower(trim(" ~ column ~ ")), '^[a-z][a-z0-9+.-]*://', ''), '^www[.]', '')",
        "'/'", 1) }}, '')
{%- endmacro %}

{% macro email_domain(column) -%}
    {{ onstrategy.website_domain(dbt.split_part("lower(trim(" ~ column ~ "))", "'@'", 2)) }}
{%- endmacro %}
