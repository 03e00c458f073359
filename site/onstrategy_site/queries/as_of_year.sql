-- The fiscal year of the as-of quarter, to date, from a yearly mart ({{ table }}): the company's row, or one row
-- per rep (marts.fct_strategy_adherence_by_rep_year).
select *
from marts.{{ table }}
where is_as_of_year
{% if 'rep_id' in keys %}
order by rep_id
{% endif %}
