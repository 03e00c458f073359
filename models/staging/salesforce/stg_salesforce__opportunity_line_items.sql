with source as (

    select * from {{ source('salesforce', 'opportunity_line_item') }}

),

renamed as (

    select
        {{ onstrategy.clean_text('Id') }} as opportunity_line_item_id,
        {{ onstrategy.clean_text('OpportunityId') }} as opportunity_id,
        {{ onstrategy.clean_text('Product2Id') }} as product_id,
        {{ onstrategy.parse_sf_number('Quantity') }} as quantity,
        {{ onstrategy.parse_sf_number('UnitPrice') }} as unit_price,
        {{ onstrategy.parse_sf_number('TotalPrice') }} as total_price,
        {{ onstrategy.parse_sf_datetime('CreatedDate') }} as created_at,
        {{ onstrategy.parse_sf_boolean('IsDeleted') }} as is_deleted,
        {{ onstrategy.parse_sf_datetime('SystemModstamp') }} as system_modstamp,
        _source_file,
        _source_line,
        _batch_rank
    from source

),

ranked_versions as (

    {{ onstrategy.rank_versions('renamed', 'opportunity_line_item_id') }}

)

select
    opportunity_line_item_id,
    opportunity_id,
    product_id,
    quantity,
    unit_price,
    total_price,
    created_at,
    system_modstamp,
    _source_file,
    _source_line
from ranked_versions
where _version_rank = 1
  and opportunity_line_item_id is not null
  and not coalesce(is_deleted, false)
