{#- The target mix that judges each fiscal year: the lines of the year's version (int_fiscal_years) plus Unmapped
    (target 0), as int_quarter_product_lines does for quarters. -#}
with years as (
    select fiscal_year_number, year_version_id from {{ ref('int_fiscal_years') }}
),

version_lines as (
    select * from {{ ref('int_version_product_lines') }}
)

select
    years.fiscal_year_number,
    version_lines.product_line,
    version_lines.target_share,
    version_lines.is_strategic,
    version_lines.is_deprioritized
from years
inner join version_lines on version_lines.version_id = years.year_version_id
