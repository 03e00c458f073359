with latest_products as (
    {{ onstrategy.latest_records(source('salesforce', 'product2'), has_is_deleted=false,
                               quarantine=ref('quarantine_salesforce__product2')) }}
)

select
    Id as product_id,
    Name as product_name,
    ProductCode as product_code,
    Family as family,
    {{ onstrategy.parse_boolean('IsActive') }} as is_active,
    _source_file,
    _source_line
from latest_products
