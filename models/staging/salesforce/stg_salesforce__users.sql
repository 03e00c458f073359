with source as (

    select * from {{ source('salesforce', 'user') }}

),

renamed as (

    select
        {{ onstrategy.clean_text('Id') }} as user_id,
        {{ onstrategy.clean_text('Name') }} as user_name,
        {{ onstrategy.parse_sf_boolean('IsActive') }} as is_active,
        {{ onstrategy.clean_text('UserRoleId') }} as user_role_id,
        {{ onstrategy.clean_text('ManagerId') }} as manager_id,
        {{ onstrategy.clean_text('Title') }} as title,
        {{ onstrategy.clean_text('Department') }} as department,
        {{ onstrategy.parse_sf_datetime('SystemModstamp') }} as system_modstamp,
        _source_file,
        _source_line,
        _batch_rank
    from source

),

ranked_versions as (

    {{ onstrategy.rank_versions('renamed', 'user_id') }}

)

select
    user_id,
    user_name,
    is_active,
    user_role_id,
    manager_id,
    title,
    department,
    system_modstamp,
    _source_file,
    _source_line
from ranked_versions
where _version_rank = 1
  and user_id is not null
