{{ config(alias='user') }}
{#- User records that cannot be used (a user whose role is not exported keeps team 'No team': not an orphan). -#}
{{ onstrategy.quarantine_records(
    source('salesforce', 'user'),
    onstrategy.contract_checks('User')
) }}
