with source as (

    select * from {{ source('salesforce', 'product2') }}

),

renamed as (

    select
        {{ onstrategy.clean_text('Id') }} as product_id,
        {{ onstrategy.clean_text('Name') }} as product_name,
        {{ onstrategy.clean_text('ProductCode') }} as product_code,
        {{ onstrategy.clean_text('Family') }} as family,
        {{ onstrategy.parse_sf_boolean('IsActive') }} as is_active,
        {{ onstrategy.clean_text('Description') }} as description,
        {{ onstrategy.parse_sf_datetime('SystemModstamp') }} as system_modstamp,
        _source_file,
        _source_line,
        _batch_rank
    from source

),

ranked_versions as (

    {{ onstrategy.rank_versions('renamed', 'product_id') }}

)

select
    product_id,
    product_name,
    product_code,
    family,
    is_active,
    description,
    system_modstamp,
    _source_file,
    _source_line
from ranked_versions
where _version_rank = 1
  and product_id is not null
