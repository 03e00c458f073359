{{ config(alias='account') }}
{#- Account records that cannot be used. -#}
{{ onstrategy.quarantine_records(
    source('salesforce', 'account'),
    onstrategy.type_checks(datetimes=['CreatedDate', 'SystemModstamp'],
                           numbers=['NumberOfEmployees', 'AnnualRevenue'], booleans=['IsDeleted'])
) }}
