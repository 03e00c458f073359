{{ config(alias='forecasting_quota') }}
{#- ForecastingQuota records that cannot be used: unparseable fields, no StartDate, a currency with no rate at all or
    none on the quota's StartDate, or an owner that is not in the export. An empty currency is the reporting
    currency. -#}
{%- set raw_quotas = source('salesforce', 'forecasting_quota') -%}
{%- set currency = "coalesce(nullif(upper(trim(raw_records.CurrencyIsoCode)), ''), settings.reporting_currency)" -%}
{%- set foreign_currency = currency ~ " <> settings.reporting_currency" -%}

{% set joins %}
    cross join {{ ref('stg_strategy__settings') }} as settings
    left join (select distinct currency from {{ ref('stg_salesforce__fx_rates') }}) as known_currencies
        on known_currencies.currency = {{ currency }}
    left join {{ onstrategy.records_with_fx_rate(
        raw_quotas, ref('stg_salesforce__fx_rates'), 'CurrencyIsoCode', 'StartDate'
    ) }} as rate_at_start
        on rate_at_start._source_file = raw_records._source_file
        and rate_at_start._source_line = raw_records._source_line
    left join ({{ onstrategy.usable_ids(source('salesforce', 'user'), ref('quarantine_salesforce__user')) }}) as owners
        on owners.Id = raw_records.QuotaOwnerId
{% endset %}
{{ onstrategy.quarantine_records(
    raw_quotas,
    onstrategy.contract_checks('ForecastingQuota')
    + [('missing_date', 'StartDate', 'not ' ~ onstrategy.is_present('raw_records.StartDate')),
       ('unknown_currency', 'CurrencyIsoCode', foreign_currency ~ " and known_currencies.currency is null"),
       ('missing_fx_rate', 'StartDate', foreign_currency ~ " and rate_at_start._source_line is null"),
       ('orphan_owner', 'QuotaOwnerId', onstrategy.is_orphan('raw_records.QuotaOwnerId', 'owners'))],
    joins=joins
) }}
