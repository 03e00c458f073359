with latest_tasks as (
    {{ onstrategy.latest_records(source('salesforce', 'task'),
                               quarantine=ref('quarantine_salesforce__task')) }}
)

select
    Id as task_id,
    OwnerId as owner_id,
    AccountId as account_id,
    WhatId as what_id,
    Status as status,
    {{ onstrategy.sf_date('ActivityDate') }} as activity_date,
    _source_file,
    _source_line
from latest_tasks
