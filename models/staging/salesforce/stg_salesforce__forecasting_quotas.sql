{#- ForecastingQuota (optional): one row per quota Id, its latest non-deleted version, typed, with its fiscal
    quarter (of StartDate) and its amount in the reporting currency (converted at StartDate). -#}
with latest_quotas as (
    {{ onstrategy.latest_records(source('salesforce', 'forecasting_quota'),
                               quarantine=ref('quarantine_salesforce__forecasting_quota')) }}
),

settings as (
    select reporting_currency from {{ ref('stg_strategy__settings') }}
),

quotas as (
    select
        latest_quotas.Id as quota_id,
        latest_quotas.QuotaOwnerId as owner_id,
        {{ onstrategy.parse_date('latest_quotas.StartDate') }} as start_date,
        {{ onstrategy.parse_double('latest_quotas.QuotaAmount') }} as quota_amount_original,
        coalesce(nullif(upper(trim(latest_quotas.CurrencyIsoCode)), ''), settings.reporting_currency) as currency,
        latest_quotas._source_file,
        latest_quotas._source_line
    from latest_quotas
    cross join settings
)

select
    quotas.quota_id,
    quotas.owner_id,
    quotas.start_date,
    calendar.fiscal_quarter,
    calendar.fiscal_quarter_index,
    quotas.currency,
    quotas.quota_amount_original,
    {{ onstrategy.to_reporting_currency(
        'quotas.quota_amount_original', 'quotas.currency', 'fx.conversion_rate', 'settings.reporting_currency'
    ) }} as quota_amount,
    quotas._source_file,
    quotas._source_line
from quotas
cross join settings
inner join {{ ref('stg_strategy__fiscal_calendar') }} as calendar on calendar.date_day = quotas.start_date
left join {{ ref('stg_salesforce__fx_rates') }} as fx
    on fx.currency = quotas.currency
    and fx.start_date <= quotas.start_date
    and quotas.start_date < fx.next_start_date
