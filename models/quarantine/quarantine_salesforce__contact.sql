{{ config(alias='contact') }}
{#- Contact records that cannot be used: unparseable fields, or an account that is not in the export. -#}
{{ onstrategy.quarantine_records(
    source('salesforce', 'contact'),
    onstrategy.contract_checks('Contact')
    + [onstrategy.orphan_check('orphan_account', 'AccountId', 'salesforce', 'account')]
) }}
