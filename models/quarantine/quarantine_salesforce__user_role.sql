{{ config(alias='user_role') }}
{#- UserRole records that cannot be used. -#}
{{ onstrategy.quarantine_records(
    source('salesforce', 'user_role'),
    onstrategy.contract_checks('UserRole')
) }}
