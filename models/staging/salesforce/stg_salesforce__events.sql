with latest_events as (
    {{ onstrategy.latest_records(source('salesforce', 'event'),
                               quarantine=ref('quarantine_salesforce__event')) }}
)

select
    Id as event_id,
    OwnerId as owner_id,
    AccountId as account_id,
    WhatId as what_id,
    {{ onstrategy.sf_date('ActivityDate') }} as activity_date,
    {{ onstrategy.sf_double('DurationInMinutes') }} as duration_minutes,
    _source_file,
    _source_line
from latest_events
