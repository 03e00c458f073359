with latest_subscriptions as (
    {{ onstrategy.latest_stripe_objects(ref('base_stripe__subscriptions'), ref('quarantine_stripe__subscriptions')) }}
)

select
    id as subscription_id,
    customer as customer_id,
    status,
    upper(currency) as currency,
    {{ onstrategy.unix_seconds_to_date('coalesce(start_date, created)') }} as start_date,
    {{ onstrategy.unix_seconds_to_date('canceled_at') }} as canceled_date,
    {{ onstrategy.unix_seconds_to_date('cancel_at') }} as cancel_at_date,
    {{ onstrategy.unix_seconds_to_date('ended_at') }} as ended_date,
    _source_file,
    _source_line
from latest_subscriptions
