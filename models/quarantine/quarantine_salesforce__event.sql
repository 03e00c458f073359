{{ config(alias='event') }}
{{ onstrategy.recomputed_incrementally("onstrategy.is_pending_batch('Event')") }}
{#- Event records that cannot be used: unparseable fields, no ActivityDate nor ActivityDateTime (it belongs to
    no quarter), or an owner or account that is not in the export
    (WhatId may name objects the export does not hold, such as leads or cases: it is not checked).
    Incremental (macros/incremental/): a run that only adds activity batches judges only their records. -#}
{{ onstrategy.quarantine_records(
    source('salesforce', 'event'),
    onstrategy.contract_checks('Event')
    + [('missing_date', 'ActivityDate', 'not ' ~ onstrategy.is_present('raw_records.ActivityDate') ~ ' and not '
                                        ~ onstrategy.is_present('raw_records.ActivityDateTime')),
       onstrategy.orphan_check('orphan_owner', 'OwnerId', 'salesforce', 'user'),
       onstrategy.orphan_check('orphan_account', 'AccountId', 'salesforce', 'account')],
    record_filter=onstrategy.is_pending_batch('Event') if is_incremental() else none
) }}
