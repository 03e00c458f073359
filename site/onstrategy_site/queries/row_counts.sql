-- Row count of every table in the marts, audit and quarantine schemas (table names from information_schema,
-- quoted with the `ident` and `lit` filters).
{% for schema, table in table_list %}
{% if not loop.first %}union all {% endif %}select {{ schema | lit }} as table_schema, {{ table | lit }} as table_name,
    count(*) as row_count from {{ schema | ident }}.{{ table | ident }}
{% endfor %}
order by 1, 2
