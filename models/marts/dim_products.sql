{#- Products with their product line under the strategy version in force today. -#}
with version_today as (
    select version_id
    from {{ ref('stg_strategy__fiscal_calendar') }}
    where date_day = {{ onstrategy.as_of_date() }}
)

select
    products.product_id,
    products.product_name,
    products.product_code,
    products.family,
    products.is_active,
    lines.product_line,
    lines.is_strategic,
    lines.is_deprioritized
from {{ ref('stg_salesforce__products') }} as products
cross join version_today
inner join {{ ref('int_product_lines') }} as lines
    on lines.product_id = products.product_id
    and lines.version_id = version_today.version_id
