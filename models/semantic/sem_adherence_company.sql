{#- The non-additive company metrics of marts.fct_strategy_adherence_company,
    with the quarter's first day for MetricFlow. -#}
select
    adherence.fiscal_quarter,
    adherence.fiscal_quarter_index,
    quarters.fiscal_quarter_start,
    adherence.bookings_amount,
    adherence.product_balance_score,
    adherence.adherence_score
from {{ ref('fct_strategy_adherence_company') }} as adherence
inner join {{ ref('int_fiscal_quarters') }} as quarters on quarters.fiscal_quarter = adherence.fiscal_quarter
