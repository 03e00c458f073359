{#- The target mix that judges each fiscal quarter: its version's lines plus Unmapped (target 0). -#}
with quarters as (
    select fiscal_quarter_index, quarter_version_id from {{ ref('int_fiscal_quarters') }}
),

version_lines as (
    select * from {{ ref('int_version_product_lines') }}
)

select
    quarters.fiscal_quarter_index,
    version_lines.product_line,
    version_lines.target_share,
    version_lines.is_strategic,
    version_lines.is_deprioritized
from quarters
inner join version_lines on version_lines.version_id = quarters.quarter_version_id
