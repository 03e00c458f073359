-- The first rows of one audit table, shown as they are on the data-quality page (table name from
-- information_schema, quoted with the `ident` filter), its times as a reader reads them (`times`: an epoch in
-- nanoseconds, `*_ns` such as a file's modification time, or a timestamp, `*_at`) as `YYYY-MM-DD HH:MM:SS`, UTC.
select *
{% if times %}
    replace (
{% for c in times %}
{% if c.endswith('_ns') %}
        strftime(make_timestamp({{ c | ident }} // 1000), '%Y-%m-%d %H:%M:%S') as {{ c | ident }}{{ "," if not loop.last }}
{% else %}
        strftime({{ c | ident }}, '%Y-%m-%d %H:%M:%S') as {{ c | ident }}{{ "," if not loop.last }}
{% endif %}
{% endfor %}
    )
{% endif %}
from audit.{{ table | ident }}
limit 500
