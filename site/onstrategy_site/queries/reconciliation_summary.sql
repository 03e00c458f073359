-- The load reconciliation in one line: files, records read and records not accounted for (loaded, quarantined,
-- superseded, deleted or dropped as test data), over every file of audit.load_reconciliation (`columns`: its
-- columns; NULL when it has no rows_unaccounted).
select count(*) as files, coalesce(sum(rows_read), 0) as rows_read,
{% if 'rows_unaccounted' in columns %}
       coalesce(sum(rows_unaccounted), 0) as rows_unaccounted
{% else %}
       null::bigint as rows_unaccounted
{% endif %}
from audit.load_reconciliation
