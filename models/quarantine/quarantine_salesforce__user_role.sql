{{ config(alias='user_role') }}
{#- UserRole records that cannot be used. -#}
{{ onstrategy.quarantine_records(
    source('salesforce', 'user_role'),
    onstrategy.type_checks(datetimes=['SystemModstamp'])
) }}
