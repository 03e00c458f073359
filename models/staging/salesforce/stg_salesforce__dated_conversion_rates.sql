{#-
  One rate per (currency, StartDate): a repeated period keeps the newest version (SystemModstamp, then the later
  batch and line), like the upsert rule of the other objects.
-#}
with source as (

    select * from {{ source('salesforce', 'dated_conversion_rate') }}

),

renamed as (

    select
        upper({{ onstrategy.clean_text('IsoCode') }}) as currency,
        {{ onstrategy.parse_sf_number('ConversionRate') }} as conversion_rate,
        {{ onstrategy.parse_sf_date('StartDate') }} as start_date,
        {{ onstrategy.parse_sf_date('NextStartDate') }} as next_start_date,
        {{ onstrategy.parse_sf_datetime('SystemModstamp') }} as system_modstamp,
        _source_file,
        _source_line,
        _batch_rank
    from source

),

ranked_versions as (

    {{ onstrategy.rank_versions('renamed', 'currency, start_date') }}

)

select
    currency,
    conversion_rate,
    start_date,
    coalesce(next_start_date, {{ dbt.safe_cast("'9999-12-31'", api.Column.translate_type('date')) }}) as next_start_date,
    _source_file,
    _source_line
from ranked_versions
where _version_rank = 1
  and currency is not null
  and start_date is not null
