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

items as (
    select
        subscriptions.subscription_id,
        subscriptions.customer_id,
        {{ onstrategy.json_array_elements('subscription_documents.object_json', '$.items.data') }} as item_json
    from subscriptions
    inner join subscription_documents
        on subscription_documents._source_file = subscriptions._source_file
        and subscription_documents._source_line = subscriptions._source_line
),

{# every field of an item in one parse of its JSON (json_strs) -#}
item_fields as (
    select
        items.*,
        {{ onstrategy.json_strs('item_json', paths) }} as item_values
    from items
)

select
    {{ onstrategy.json_strs_item('item_values', paths, '$.id') }} as subscription_item_id,
    subscription_id,
    customer_id,
    {{ onstrategy.json_strs_item('item_values', paths, '$.price.id') }} as price_id,
    {{ onstrategy.json_strs_item('item_values', paths, '$.price.product') }} as product_id,
    upper({{ onstrategy.json_strs_item('item_values', paths, '$.price.currency') }}) as currency,
    {{ onstrategy.sf_double(onstrategy.json_strs_item('item_values', paths, '$.price.unit_amount')) }}
        as unit_amount_minor,
    {{ onstrategy.json_strs_item('item_values', paths, '$.price.recurring.interval') }} as recurring_interval,
    coalesce(
        {{ onstrategy.sf_double(onstrategy.json_strs_item('item_values', paths, '$.price.recurring.interval_count')) }},
        1
    ) as recurring_interval_count,
    coalesce({{ onstrategy.sf_double(onstrategy.json_strs_item('item_values', paths, '$.quantity')) }}, 1) as quantity,
    {{ onstrategy.unix_seconds_to_date(onstrategy.json_strs_item('item_values', paths, '$.created')) }} as created_date
from item_fields
