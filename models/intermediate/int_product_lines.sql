{#- Each product's line under every strategy version: Family or ProductCode match (case-insensitive), first line
    wins; no match: Unmapped (target 0, neither strategic nor deprioritized, never launched). A line with
    `launched_on` is a new product from that day for the version's `new_product_quarters` quarters. -#}
with products as (
    select product_id, lower(trim(family)) as family_key, lower(trim(product_code)) as product_code_key
    from {{ ref('stg_salesforce__products') }}
),

lines as (
    select * from {{ ref('stg_strategy__product_lines') }}
),

matching_lines as (
    select
        products.product_id,
        lines.version_id,
        lines.line_order,
        lines.product_line,
        lines.target_share,
        lines.is_strategic,
        lines.is_deprioritized,
        lines.launched_on
    from products
    cross join lines
    left join {{ ref('stg_strategy__product_line_families') }} as families
        on families.version_id = lines.version_id
        and families.line_order = lines.line_order
        and lower(trim(families.family)) = products.family_key
    left join {{ ref('stg_strategy__product_line_codes') }} as codes
        on codes.version_id = lines.version_id
        and codes.line_order = lines.line_order
        and lower(trim(codes.product_code)) = products.product_code_key
    where families.family is not null or codes.product_code is not null
),

first_matching_line as (
    select *
    from (
        select
            *,
            row_number() over (partition by product_id, version_id order by line_order) as match_rank
        from matching_lines
    ) as ranked_lines
    where match_rank = 1
)

select
    products.product_id,
    versions.version_id,
    coalesce(first_matching_line.product_line, 'Unmapped') as product_line,
    coalesce(first_matching_line.target_share, 0) as target_share,
    coalesce(first_matching_line.is_strategic, false) as is_strategic,
    coalesce(first_matching_line.is_deprioritized, false) as is_deprioritized,
    first_matching_line.launched_on,
    {{ dbt.dateadd('month', '3 * versions.new_product_quarters', 'first_matching_line.launched_on') }}
        as new_product_until
from products
cross join {{ ref('stg_strategy__versions') }} as versions
left join first_matching_line
    on first_matching_line.product_id = products.product_id
    and first_matching_line.version_id = versions.version_id
