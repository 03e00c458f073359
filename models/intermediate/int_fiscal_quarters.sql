{#- One row per fiscal quarter, with the strategy version that judges the quarter (in force on its first day). -#}
select distinct
    fiscal_quarter,
    fiscal_quarter_index,
    fiscal_year,
    fiscal_quarter_number,
    fiscal_quarter_start,
    fiscal_quarter_end,
    quarter_version_id
from {{ ref('stg_strategy__fiscal_calendar') }}
