-- Quarantined records by table and reason (counts only: quarantined raw records are never shown).
{% for table in quarantine_tables %}
{% if not loop.first %}union all {% endif %}select {{ table | lit }} as table_name, reason::varchar as reason,
    count(*) as records from quarantine.{{ table | ident }} group by reason
{% endfor %}
order by 1, 3 desc, 2  -- ties by reason: the page is the same from build to build
