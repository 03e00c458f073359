{#- Monthly recurring revenue of each subscription item (unit amount x quantity, normalized to a month: yearly / 12,
    weekly x 52 / 12, daily x 365 / 12, divided by the interval count), in major units of its currency. -#}
select
    items.subscription_item_id,
    items.subscription_id,
    items.customer_id,
    subscriptions.start_date,
    coalesce(subscriptions.ended_date, subscriptions.canceled_date) as end_date,
    items.currency,
    {{ onstrategy.from_minor_units('items.unit_amount_minor') }} * items.quantity
        * case items.recurring_interval
            when 'month' then 1.0
            when 'year' then 1.0 / 12
            when 'week' then 52.0 / 12
            when 'day' then 365.0 / 12
          end
        / items.recurring_interval_count as mrr_original
from {{ ref('stg_stripe__subscription_items') }} as items
inner join {{ ref('stg_stripe__subscriptions') }} as subscriptions
    on subscriptions.subscription_id = items.subscription_id
left join {{ ref('currency_decimals') }} as decimals on decimals.currency = items.currency
