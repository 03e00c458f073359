{#- Rates are keyed by currency and start date, not Id: a later batch's rate for the same period wins.
    Quarantined rates (unparseable, not positive) take no part. An empty NextStartDate is open-ended, as
    9999-12-31 is. -#}
with ranked_rates as (
    select
        upper(trim(IsoCode)) as currency,
        {{ onstrategy.parse_double('ConversionRate') }} as conversion_rate,
        {{ onstrategy.parse_date('StartDate') }} as start_date,
        coalesce({{ onstrategy.parse_date('NextStartDate') }}, cast('9999-12-31' as date)) as next_start_date,
        _source_file,
        _source_line,
        row_number() over (
            partition by upper(trim(IsoCode)), {{ onstrategy.parse_date('StartDate') }}
            order by _batch_rank desc, _source_line desc
        ) as version_rank
    from {{ source('salesforce', 'dated_conversion_rate') }} as raw_rates
    where
        not exists (
            select 1 from {{ ref('quarantine_salesforce__dated_conversion_rate') }} as quarantined
            where quarantined._source_file = raw_rates._source_file
                and quarantined._source_line = raw_rates._source_line
        )
)

select currency, conversion_rate, start_date, next_start_date, _source_file, _source_line
from ranked_rates
where version_rank = 1
