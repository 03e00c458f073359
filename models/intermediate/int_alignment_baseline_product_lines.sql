{#- The target mix that judges a plan version's baseline window: the product lines of that version plus Unmapped
    (target 0), as int_year_product_lines does for years, keyed by plan_version_id. -#}
with baselines as (
    select plan_version_id from {{ ref('int_alignment_baselines') }}
),

version_lines as (
    select * from {{ ref('int_version_product_lines') }}
)

select
    baselines.plan_version_id,
    version_lines.product_line,
    version_lines.target_share,
    version_lines.is_strategic,
    version_lines.is_deprioritized
from baselines
inner join version_lines on version_lines.version_id = baselines.plan_version_id
