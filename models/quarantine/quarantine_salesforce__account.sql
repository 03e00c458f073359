{{ config(alias='account') }}
{#- Account records that cannot be used. -#}
{{ onstrategy.quarantine_records(
    source('salesforce', 'account'),
    onstrategy.contract_checks('Account')
) }}
