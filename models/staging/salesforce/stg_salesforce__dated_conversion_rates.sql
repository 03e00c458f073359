{#- Rates are keyed by currency and start date, not Id: a later batch's rate for the same period wins. -#}
with ranked_rates as (
    select
        upper(trim(IsoCode)) as currency,
        {{ onstrategy.sf_double('ConversionRate') }} as conversion_rate,
        {{ onstrategy.sf_date('StartDate') }} as start_date,
        {{ onstrategy.sf_date('NextStartDate') }} as next_start_date,
        _source_file,
        _source_line,
        row_number() over (
            partition by upper(trim(IsoCode)), {{ onstrategy.sf_date('StartDate') }}
            order by _batch_rank desc, _source_line desc
        ) as version_rank
    from {{ source('salesforce', 'dated_conversion_rate') }}
)

select currency, conversion_rate, start_date, next_start_date, _source_file, _source_line
from ranked_rates
where version_rank = 1
