{{ config(alias='dated_conversion_rate') }}
{#- DatedConversionRate records that cannot be used: keyed by currency and start date, not Id. -#}
{{ onstrategy.quarantine_records(
    source('salesforce', 'dated_conversion_rate'),
    [('missing_currency', 'IsoCode', 'not ' ~ onstrategy.is_present('raw_records.IsoCode'))]
    + onstrategy.type_checks(dates=['StartDate', 'NextStartDate'], numbers=['ConversionRate'])
    + [('invalid_rate', 'ConversionRate', onstrategy.sf_double('raw_records.ConversionRate') ~ ' <= 0'),
       ('missing_date', 'StartDate', 'not ' ~ onstrategy.is_present('raw_records.StartDate')),
       ('missing_date', 'NextStartDate', 'not ' ~ onstrategy.is_present('raw_records.NextStartDate'))],
    key=none
) }}
