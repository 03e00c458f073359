with source as (

    select * from {{ source('salesforce', 'opportunity_contact_role') }}

),

renamed as (

    select
        {{ onstrategy.clean_text('Id') }} as opportunity_contact_role_id,
        {{ onstrategy.clean_text('OpportunityId') }} as opportunity_id,
        {{ onstrategy.clean_text('ContactId') }} as contact_id,
        {{ onstrategy.clean_text('Role') }} as contact_role,
        {{ onstrategy.parse_sf_boolean('IsPrimary') }} as is_primary,
        {{ onstrategy.parse_sf_datetime('CreatedDate') }} as created_at,
        {{ onstrategy.parse_sf_boolean('IsDeleted') }} as is_deleted,
        {{ onstrategy.parse_sf_datetime('SystemModstamp') }} as system_modstamp,
        _source_file,
        _source_line,
        _batch_rank
    from source

),

ranked_versions as (

    {{ onstrategy.rank_versions('renamed', 'opportunity_contact_role_id') }}

)

select
    opportunity_contact_role_id,
    opportunity_id,
    contact_id,
    contact_role,
    coalesce(is_primary, false) as is_primary,
    created_at,
    system_modstamp,
    _source_file,
    _source_line
from ranked_versions
where _version_rank = 1
  and opportunity_contact_role_id is not null
  and not coalesce(is_deleted, false)
