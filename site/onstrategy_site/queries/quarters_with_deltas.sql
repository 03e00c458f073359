-- One adherence table ({{ table }}) for every quarter, with the change vs the previous quarter of the same
-- group: d_<metric> = this quarter - previous quarter (NULL when the group has no row in the previous quarter),
-- rel_bookings_amount = relative change of bookings. Rendered with the table, its key columns and the numeric
-- metric columns it has (identifiers from information_schema, never data).
select c.*,
{% for m in metrics %}
    c.{{ m }} - p.{{ m }} as d_{{ m }},
{% endfor %}
{% if 'bookings_amount' in metrics %}
    (c.bookings_amount - p.bookings_amount) / nullif(p.bookings_amount, 0) as rel_bookings_amount,
{% endif %}
    p.fiscal_quarter as prev_quarter
from marts.{{ table }} as c
left join marts.{{ table }} as p
    on p.fiscal_quarter_index = c.fiscal_quarter_index - 1
{% for k in keys %}
    and p.{{ k }} is not distinct from c.{{ k }}
{% endfor %}
order by c.fiscal_quarter_index{% for k in keys %}, c.{{ k }}{% endfor %}
