{{ config(alias='dated_conversion_rate') }}
{#- DatedConversionRate records that cannot be used: keyed by currency and start date, not Id. NextStartDate bounds
    the period: 9999-12-31 (what Salesforce writes for the current period) or an empty value means open-ended, so
    only a period that ends on or before it starts is refused. -#}
{%- set next_start = "coalesce(" ~ onstrategy.parse_date('raw_records.NextStartDate')
                      ~ ", cast('9999-12-31' as date))" -%}
{{ onstrategy.quarantine_records(
    source('salesforce', 'dated_conversion_rate'),
    [('missing_currency', 'IsoCode', 'not ' ~ onstrategy.is_present('raw_records.IsoCode'))]
    + onstrategy.contract_checks('DatedConversionRate')
    + [('invalid_rate', 'ConversionRate', onstrategy.parse_double('raw_records.ConversionRate') ~ ' <= 0'),
       ('missing_date', 'StartDate', 'not ' ~ onstrategy.is_present('raw_records.StartDate')),
       ('invalid_period', 'NextStartDate', next_start ~ ' <= ' ~ onstrategy.parse_date('raw_records.StartDate'))],
    key=none
) }}
