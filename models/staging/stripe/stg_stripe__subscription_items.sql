{#- The items.data[] of each subscription, one row per item. -#}
{%- set paths = ['$.id', '$.price.id', '$.price.product', '$.price.currency', '$.price.unit_amount',
                 '$.price.recurring.interval', '$.price.recurring.interval_count', '$.quantity', '$.created'] %}
with subscriptions as (
    select * from {{ ref('stg_stripe__subscriptions') }}
),

{# The JSON stays in the raw table (the staging row is one of its lines), so staging does not store it again. -#}
subscription_documents as (
    {{ onstrategy.stripe_documents('subscriptions') }}
),

{# every field of every item in one parse of the subscription's JSON (json_array_records) -#}
items as (
    select
        subscriptions.subscription_id,
        subscriptions.customer_id,
        {{ onstrategy.json_array_records('subscription_documents.object_json', '$.items.data', paths) }} as item_record
    from subscriptions
    inner join subscription_documents
        on subscription_documents._source_file = subscriptions._source_file
        and subscription_documents._source_line = subscriptions._source_line
)

select
    {{ onstrategy.json_record_str('items.item_record', '$.id') }} as subscription_item_id,
    items.subscription_id,
    items.customer_id,
    {{ onstrategy.json_record_str('items.item_record', '$.price.id') }} as price_id,
    {{ onstrategy.json_record_str('items.item_record', '$.price.product') }} as product_id,
    upper({{ onstrategy.json_record_str('items.item_record', '$.price.currency') }}) as currency,
    {{ onstrategy.parse_double(onstrategy.json_record_str('items.item_record', '$.price.unit_amount')) }}
        as unit_amount_minor,
    {{ onstrategy.json_record_str('items.item_record', '$.price.recurring.interval') }} as recurring_interval,
    coalesce(
        {{ onstrategy.parse_double(
            onstrategy.json_record_str('items.item_record', '$.price.recurring.interval_count')
        ) }},
        1
    ) as recurring_interval_count,
    coalesce(
        {{ onstrategy.parse_double(onstrategy.json_record_str('items.item_record', '$.quantity')) }}, 1
    ) as quantity,
    {{ onstrategy.unix_seconds_to_date(onstrategy.json_record_str('items.item_record', '$.created')) }} as created_date
from items
