with latest_products as (
    {{ onstrategy.latest_stripe_objects(ref('base_stripe__products'), ref('quarantine_stripe__products')) }}
)

select
    id as product_id,
    name as product_name,
    nullif(trim(metadata_product_line), '') as product_line,
    {{ onstrategy.parse_boolean('active') }} as is_active,
    _source_file,
    _source_line
from latest_products
