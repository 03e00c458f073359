with latest_products as (
    {{ onstrategy.latest_stripe_objects(source('stripe', 'products'), ref('quarantine_stripe__products')) }}
)

select
    id as product_id,
    {{ onstrategy.json_str('object_json', '$.name') }} as product_name,
    nullif(trim({{ onstrategy.json_str('object_json', '$.metadata.product_line') }}), '') as product_line,
    {{ onstrategy.sf_bool(onstrategy.json_str('object_json', '$.active')) }} as is_active,
    _source_file,
    _source_line
from latest_products
