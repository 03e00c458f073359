{#- Subjects are free text that may name people: not carried. -#}
with source as (

    select * from {{ source('salesforce', 'event') }}

),

renamed as (

    select
        {{ onstrategy.clean_text('Id') }} as event_id,
        {{ onstrategy.clean_text('OwnerId') }} as owner_id,
        {{ onstrategy.clean_text('AccountId') }} as account_id,
        {{ onstrategy.clean_text('WhatId') }} as what_id,
        {{ onstrategy.parse_sf_date('ActivityDate') }} as activity_date,
        {{ onstrategy.parse_sf_number('DurationInMinutes') }} as duration_minutes,
        {{ onstrategy.clean_text('Type') }} as event_type,
        {{ onstrategy.parse_sf_datetime('CreatedDate') }} as created_at,
        {{ onstrategy.parse_sf_boolean('IsDeleted') }} as is_deleted,
        {{ onstrategy.parse_sf_datetime('SystemModstamp') }} as system_modstamp,
        _source_file,
        _source_line,
        _batch_rank
    from source

),

ranked_versions as (

    {{ onstrategy.rank_versions('renamed', 'event_id') }}

)

select
    event_id,
    owner_id,
    account_id,
    what_id,
    activity_date,
    duration_minutes,
    event_type,
    created_at,
    system_modstamp,
    _source_file,
    _source_line
from ranked_versions
where _version_rank = 1
  and event_id is not null
  and not coalesce(is_deleted, false)
