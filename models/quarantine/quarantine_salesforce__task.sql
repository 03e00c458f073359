{{ config(alias='task') }}
{{ onstrategy.recomputed_incrementally("onstrategy.is_pending_batch('Task')") }}
{#- Task records that cannot be used: unparseable fields, a completed task with no ActivityDate (it belongs to no
    quarter), or an owner or account that is not in the export
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
    source('salesforce', 'task'),
    onstrategy.contract_checks('Task')
    + [('missing_date', 'ActivityDate', "lower(trim(raw_records.Status)) = 'completed' and not "
                                        ~ onstrategy.is_present('raw_records.ActivityDate')),
       ('orphan_owner', 'OwnerId', onstrategy.is_orphan('raw_records.OwnerId', 'owners')),
       ('orphan_account', 'AccountId', onstrategy.is_orphan('raw_records.AccountId', 'accounts'))],
    joins=joins,
    record_filter=onstrategy.is_pending_batch('Task') if is_incremental() else none
) }}
