{#- Subjects are free text that may name people: not carried. -#}
with source as (

    select * from {{ source('salesforce', 'task') }}

),

renamed as (

    select
        {{ onstrategy.clean_text('Id') }} as task_id,
        {{ onstrategy.clean_text('OwnerId') }} as owner_id,
        {{ onstrategy.clean_text('AccountId') }} as account_id,
        {{ onstrategy.clean_text('WhatId') }} as what_id,
        {{ onstrategy.clean_text('Status') }} as status,
        lower(trim(Status)) = 'completed' as is_completed,
        {{ onstrategy.parse_sf_date('ActivityDate') }} as activity_date,
        {{ onstrategy.clean_text('Type') }} as task_type,
        {{ onstrategy.parse_sf_datetime('CreatedDate') }} as created_at,
        {{ onstrategy.parse_sf_boolean('IsDeleted') }} as is_deleted,
        {{ onstrategy.parse_sf_datetime('SystemModstamp') }} as system_modstamp,
        _source_file,
        _source_line,
        _batch_rank
    from source

),

ranked_versions as (

    {{ onstrategy.rank_versions('renamed', 'task_id') }}

)

select
    task_id,
    owner_id,
    account_id,
    what_id,
    status,
    coalesce(is_completed, false) as is_completed,
    activity_date,
    task_type,
    created_at,
    system_modstamp,
    _source_file,
    _source_line
from ranked_versions
where _version_rank = 1
  and task_id is not null
  and not coalesce(is_deleted, false)
