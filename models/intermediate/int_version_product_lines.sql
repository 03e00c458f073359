{#- The target mix of every strategy version: its product lines plus Unmapped (target 0), the one list the quarter's
    and the year's target mixes (int_quarter_product_lines, int_year_product_lines) take from. -#}
select version_id, product_line, target_share, is_strategic, is_deprioritized
from {{ ref('stg_strategy__product_lines') }}
union all
select version_id, 'Unmapped' as product_line, 0 as target_share, false as is_strategic, false as is_deprioritized
from {{ ref('stg_strategy__versions') }}
