{{ onstrategy.recomputed_incrementally("'event_id in (' ~ onstrategy.recomputed_keys('event') ~ ')'") }}
{#- Incremental (macros/incremental/): a run that only adds activity batches
    recomputes the current version of the Ids in those batches alone. -#}
with latest_events as (
    {{ onstrategy.latest_activity_records('event') }}
)

select
    Id as event_id,
    OwnerId as owner_id,
    AccountId as account_id,
    WhatId as what_id,
    {#- a timed event's date is also its ActivityDateTime's (Salesforce fills both; an export may hold either) #}
    coalesce(
        {{ onstrategy.parse_date('ActivityDate') }}, {{ onstrategy.parse_date('ActivityDateTime') }}
    ) as activity_date,
    {{ onstrategy.parse_double('DurationInMinutes') }} as duration_minutes,
    _source_file,
    _source_line
from latest_events
