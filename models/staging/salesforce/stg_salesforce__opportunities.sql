with source as (

    select * from {{ source('salesforce', 'opportunity') }}

),

renamed as (

    select
        {{ onstrategy.clean_text('Id') }} as opportunity_id,
        {{ onstrategy.clean_text('AccountId') }} as account_id,
        {{ onstrategy.clean_text('OwnerId') }} as owner_id,
        {{ onstrategy.clean_text('Name') }} as opportunity_name,
        {{ onstrategy.clean_text('StageName') }} as stage_name,
        {{ onstrategy.parse_sf_number('Amount') }} as amount,
        upper({{ onstrategy.clean_text('CurrencyIsoCode') }}) as currency_iso_code,
        {{ onstrategy.parse_sf_number('Probability') }} as probability,
        {{ onstrategy.parse_sf_date('CloseDate') }} as close_date,
        {{ onstrategy.parse_sf_boolean('IsClosed') }} as is_closed,
        {{ onstrategy.parse_sf_boolean('IsWon') }} as is_won,
        {{ onstrategy.parse_sf_datetime('CreatedDate') }} as created_at,
        {{ onstrategy.clean_text('Type') }} as opportunity_type,
        {{ onstrategy.clean_text('LeadSource') }} as lead_source,
        {{ onstrategy.clean_text('ForecastCategoryName') }} as forecast_category,
        {{ onstrategy.parse_sf_boolean('IsDeleted') }} as is_deleted,
        {{ onstrategy.parse_sf_datetime('SystemModstamp') }} as system_modstamp,
        _source_file,
        _source_line,
        _batch_rank
    from source

),

ranked_versions as (

    {{ onstrategy.rank_versions('renamed', 'opportunity_id') }}

)

select
    opportunity_id,
    account_id,
    owner_id,
    opportunity_name,
    stage_name,
    amount,
    currency_iso_code,
    probability,
    close_date,
    coalesce(is_closed, false) as is_closed,
    coalesce(is_won, false) as is_won,
    created_at,
    {{ onstrategy.to_date('created_at') }} as created_date,
    opportunity_type,
    lead_source,
    forecast_category,
    system_modstamp,
    _source_file,
    _source_line
from ranked_versions
where _version_rank = 1
  and opportunity_id is not null
  and not coalesce(is_deleted, false)
