{{ config(alias='event') }}
{{ onstrategy.recomputed_incrementally("onstrategy.is_pending_batch('Event')") }}
{#- Event records that cannot be used: unparseable fields, no ActivityDate nor ActivityDateTime (it belongs to
    no quarter), or an owner or account that is not in the export
    (WhatId may name objects the export does not hold, such as leads or cases: it is not checked).
    Incremental (macros/incremental/): a run that only adds activity batches judges only their records. -#}
{% set joins %}
    left join ({{ onstrategy.usable_ids(source('salesforce', 'user'), ref('quarantine_salesforce__user')) }}) as owners
        on owners.Id = raw_records.OwnerId
    left join (
        {{ onstrategy.usable_ids(source('salesforce', 'account'), ref('quarantine_salesforce__account')) }}
    ) as accounts
        on accounts.Id = raw_records.AccountId
{% endset %}
{{ onstrategy.quarantine_records(
    source('salesforce', 'event'),
    onstrategy.contract_checks('Event')
    + [('missing_date', 'ActivityDate', 'not ' ~ onstrategy.is_present('raw_records.ActivityDate') ~ ' and not '
                                        ~ onstrategy.is_present('raw_records.ActivityDateTime')),
       ('orphan_owner', 'OwnerId', onstrategy.is_orphan('raw_records.OwnerId', 'owners')),
       ('orphan_account', 'AccountId', onstrategy.is_orphan('raw_records.AccountId', 'accounts'))],
    joins=joins,
    record_filter=onstrategy.is_pending_batch('Event') if is_incremental() else none
) }}
