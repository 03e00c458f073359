{#- DatedConversionRate when the landing zone has any, else the hand-maintained seeds/fx_rates.csv. -#}
with dated_rates as (
    select currency, conversion_rate, start_date, next_start_date, 'DatedConversionRate' as rate_source
    from {{ ref('stg_salesforce__dated_conversion_rates') }}
),

fallback_rates as (
    select
        upper(trim(IsoCode)) as currency,
        ConversionRate as conversion_rate,
        StartDate as start_date,
        NextStartDate as next_start_date,
        'seeds/fx_rates.csv' as rate_source
    from {{ ref('fx_rates') }}
),

dated_rate_count as (
    select count(*) as rates from dated_rates
)

select * from dated_rates
union all
select fallback_rates.*
from fallback_rates
cross join dated_rate_count
where dated_rate_count.rates = 0
