{{ config(alias='forecasting_quota') }}
{#- ForecastingQuota records that cannot be used: unparseable fields, no StartDate, a currency with no rate at all or
    none on the quota's StartDate, or an owner that is not in the export. An empty currency is the reporting
    currency. -#}
{%- set raw_quotas = source('salesforce', 'forecasting_quota') -%}
{{ onstrategy.quarantine_records(
    raw_quotas,
    onstrategy.contract_checks('ForecastingQuota')
    + [('missing_date', 'StartDate', 'not ' ~ onstrategy.is_present('raw_records.StartDate'))]
    + onstrategy.salesforce_currency_checks(raw_quotas, [('StartDate', none)])
    + [onstrategy.orphan_check('orphan_owner', 'QuotaOwnerId', 'salesforce', 'user')]
) }}
