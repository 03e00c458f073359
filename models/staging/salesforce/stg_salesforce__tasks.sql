{{ onstrategy.recomputed_incrementally("'task_id in (' ~ onstrategy.recomputed_keys('task') ~ ')'") }}
{#- Incremental (macros/incremental/): a run that only adds activity batches
    recomputes the current version of the Ids in those batches alone. -#}
with latest_tasks as (
    {{ onstrategy.latest_activity_records('task') }}
)

select
    Id as task_id,
    OwnerId as owner_id,
    AccountId as account_id,
    WhatId as what_id,
    Status as status,
    {{ onstrategy.parse_date('ActivityDate') }} as activity_date,
    _source_file,
    _source_line
from latest_tasks
