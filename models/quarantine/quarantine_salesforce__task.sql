{{ config(alias='task') }}
{{ onstrategy.recomputed_incrementally("onstrategy.is_pending_batch('Task')") }}
{#- Task records that cannot be used: unparseable fields, a completed task with no ActivityDate (it belongs to no
    quarter), or an owner or account that is not in the export
    (WhatId may name objects the export does not hold, such as leads or cases: it is not checked).
    Incremental (macros/incremental/): a run that only adds activity batches judges only their records. -#}
{{ onstrategy.quarantine_records(
    source('salesforce', 'task'),
    onstrategy.contract_checks('Task')
    + [('missing_date', 'ActivityDate', "lower(trim(raw_records.Status)) = 'completed' and not "
                                        ~ onstrategy.is_present('raw_records.ActivityDate')),
       onstrategy.orphan_check('orphan_owner', 'OwnerId', 'salesforce', 'user'),
       onstrategy.orphan_check('orphan_account', 'AccountId', 'salesforce', 'account')],
    record_filter=onstrategy.is_pending_batch('Task') if is_incremental() else none
) }}
