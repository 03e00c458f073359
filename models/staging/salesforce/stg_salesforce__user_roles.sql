with source as (

    select * from {{ source('salesforce', 'user_role') }}

),

renamed as (

    select
        {{ onstrategy.clean_text('Id') }} as user_role_id,
        {{ onstrategy.clean_text('Name') }} as role_name,
        {{ onstrategy.clean_text('ParentRoleId') }} as parent_role_id,
        {{ onstrategy.parse_sf_datetime('SystemModstamp') }} as system_modstamp,
        _source_file,
        _source_line,
        _batch_rank
    from source

),

ranked_versions as (

    {{ onstrategy.rank_versions('renamed', 'user_role_id') }}

)

select
    user_role_id,
    role_name,
    parent_role_id,
    system_modstamp,
    _source_file,
    _source_line
from ranked_versions
where _version_rank = 1
  and user_role_id is not null
