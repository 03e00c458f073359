with latest_line_items as (
    {{ onstrategy.latest_records(source('salesforce', 'opportunity_line_item'),
                               quarantine=ref('quarantine_salesforce__opportunity_line_item')) }}
)

select
    Id as opportunity_line_item_id,
    OpportunityId as opportunity_id,
    Product2Id as product_id,
    {{ onstrategy.parse_double('Quantity') }} as quantity,
    {{ onstrategy.parse_double('UnitPrice') }} as unit_price,
    {{ onstrategy.parse_double('TotalPrice') }} as total_price,
    _source_file,
    _source_line
from latest_line_items
