with latest_subscriptions as (
    {{ onstrategy.latest_stripe_objects(source('stripe', 'subscriptions'), ref('quarantine_stripe__subscriptions')) }}
)

select
    id as subscription_id,
    {{ onstrategy.json_str('object_json', '$.customer') }} as customer_id,
    {{ onstrategy.json_str('object_json', '$.status') }} as status,
    upper({{ onstrategy.json_str('object_json', '$.currency') }}) as currency,
    {{ onstrategy.unix_seconds_to_date(
        "coalesce(" ~ onstrategy.json_str('object_json', '$.start_date') ~ ", "
        ~ onstrategy.json_str('object_json', '$.created') ~ ")") }} as start_date,
    {{ onstrategy.unix_seconds_to_date(onstrategy.json_str('object_json', '$.canceled_at')) }} as canceled_date,
    {{ onstrategy.unix_seconds_to_date(onstrategy.json_str('object_json', '$.cancel_at')) }} as cancel_at_date,
    {{ onstrategy.unix_seconds_to_date(onstrategy.json_str('object_json', '$.ended_at')) }} as ended_date,
    object_json,
    _source_file,
    _source_line
from latest_subscriptions
