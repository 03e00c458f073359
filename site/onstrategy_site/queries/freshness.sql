-- The latest date seen in each fact mart.
select 'fct_bookings' as mart, 'close_date' as date_column, max(close_date)::date as latest, count(*) as row_count
from marts.fct_bookings
{% if 'marts.fct_pipeline' in tables %}
union all select 'fct_pipeline', 'created_date', max(created_date)::date, count(*) from marts.fct_pipeline
{% endif %}
{% if 'marts.fct_activities' in tables %}
union all select 'fct_activities', 'activity_date', max(activity_date)::date, count(*) from marts.fct_activities
{% endif %}
{% if 'marts.fct_billing_lines' in tables %}
union all select 'fct_billing_lines', 'invoice_date', max(invoice_date)::date, count(*) from marts.fct_billing_lines
{% endif %}
