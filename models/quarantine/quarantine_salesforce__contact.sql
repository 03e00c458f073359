{{ config(alias='contact') }}
{#- Contact records that cannot be used: unparseable fields, or an account that is not in the export. -#}
{% set joins %}
    left join (
        {{ onstrategy.usable_ids(source('salesforce', 'account'), ref('quarantine_salesforce__account')) }}
    ) as accounts
        on accounts.Id = raw_records.AccountId
{% endset %}
{{ onstrategy.quarantine_records(
    source('salesforce', 'contact'),
    onstrategy.contract_checks('Contact')
    + [('orphan_account', 'AccountId', onstrategy.is_orphan('raw_records.AccountId', 'accounts'))],
    joins=joins
) }}
