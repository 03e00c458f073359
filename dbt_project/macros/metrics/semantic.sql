{#- The non-additive adherence metrics of one adherence mart (`mart`), by its `keys`, with the quarter's first day
    for MetricFlow: the semantic models sem_adherence_* (models/semantic/) are this one query. -#}
{% macro non_additive_adherence(mart, keys=[]) -%}
    select
        adherence.fiscal_quarter,
        adherence.fiscal_quarter_index,
        quarters.fiscal_quarter_start,
        {%- for column in keys + ['bookings_amount', 'product_balance_score', 'adherence_score'] %}
        adherence.{{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ ref(mart) }} as adherence
    inner join {{ ref('int_fiscal_quarters') }} as quarters on quarters.fiscal_quarter = adherence.fiscal_quarter
{%- endmacro %}
