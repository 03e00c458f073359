{#- Contact names, e-mails and phones are deliberately not carried: only the title (for personas) is used. -#}
with source as (

    select * from {{ source('salesforce', 'contact') }}

),

renamed as (

    select
        {{ onstrategy.clean_text('Id') }} as contact_id,
        {{ onstrategy.clean_text('AccountId') }} as account_id,
        {{ onstrategy.clean_text('Title') }} as title,
        {{ onstrategy.parse_sf_datetime('CreatedDate') }} as created_at,
        {{ onstrategy.parse_sf_boolean('IsDeleted') }} as is_deleted,
        {{ onstrategy.parse_sf_datetime('SystemModstamp') }} as system_modstamp,
        _source_file,
        _source_line,
        _batch_rank
    from source

),

ranked_versions as (

    {{ onstrategy.rank_versions('renamed', 'contact_id') }}

)

select
    contact_id,
    account_id,
    title,
    created_at,
    system_modstamp,
    _source_file,
    _source_line
from ranked_versions
where _version_rank = 1
  and contact_id is not null
  and not coalesce(is_deleted, false)
