with source as (

    select * from {{ source('salesforce', 'account') }}

),

renamed as (

    select
        {{ onstrategy.clean_text('Id') }} as account_id,
        {{ onstrategy.clean_text('Name') }} as account_name,
        {{ onstrategy.clean_text('Website') }} as website,
        {{ onstrategy.url_domain('Website') }} as website_domain,
        {{ onstrategy.clean_text('Industry') }} as industry,
        lower(trim(Industry)) as industry_key,
        {{ dbt.safe_cast(onstrategy.parse_sf_number('NumberOfEmployees'), api.Column.translate_type('bigint')) }}
            as number_of_employees,
        {{ onstrategy.parse_sf_number('AnnualRevenue') }} as annual_revenue,
        {{ onstrategy.clean_text('BillingCountry') }} as billing_country,
        {{ onstrategy.clean_text('BillingState') }} as billing_state,
        {{ onstrategy.clean_text('Type') }} as account_type,
        {{ onstrategy.clean_text('ParentId') }} as parent_account_id,
        {{ onstrategy.clean_text('OwnerId') }} as owner_id,
        {{ onstrategy.parse_sf_datetime('CreatedDate') }} as created_at,
        {{ onstrategy.parse_sf_boolean('IsDeleted') }} as is_deleted,
        {{ onstrategy.parse_sf_datetime('SystemModstamp') }} as system_modstamp,
        _source_file,
        _source_line,
        _batch_rank
    from source

),

ranked_versions as (

    {{ onstrategy.rank_versions('renamed', 'account_id') }}

)

select
    account_id,
    account_name,
    website,
    website_domain,
    industry,
    industry_key,
    number_of_employees,
    annual_revenue,
    billing_country,
    billing_state,
    account_type,
    parent_account_id,
    owner_id,
    created_at,
    {{ onstrategy.to_date('created_at') }} as created_date,
    system_modstamp,
    _source_file,
    _source_line
from ranked_versions
where _version_rank = 1
  and account_id is not null
  and not coalesce(is_deleted, false)
