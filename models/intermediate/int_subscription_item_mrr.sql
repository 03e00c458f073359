{#- Monthly recurring revenue of each subscription item (unit amount x quantity, normalized to a month: yearly / 12,
    weekly x 52 / 12, daily x 365 / 12, divided by the interval count), in major units of its currency, with the days
    it is active: from the later of the subscription's start and the item's creation (an upgrade), until the first day
    it no longer is (ended_at, else a scheduled cancel_at, else canceled_at of a canceled subscription). -#}
with subscriptions as (
    select
        subscription_id,
        status,
        start_date,
        case
            when status in ('incomplete', 'incomplete_expired') then start_date
            else
                coalesce(
                    ended_date,
                    cancel_at_date,
                    case when status = 'canceled' then coalesce(canceled_date, start_date) end
                )
        end as end_date
    from {{ ref('stg_stripe__subscriptions') }}
),

items as (
    select * from {{ ref('stg_stripe__subscription_items') }}
),

currency_decimals as (
    select * from {{ ref('currency_decimals') }}
)

select
    items.subscription_item_id,
    items.subscription_id,
    items.customer_id,
    items.product_id,
    case
        when items.created_date > subscriptions.start_date then items.created_date
        else subscriptions.start_date
    end as start_date,
    subscriptions.end_date,
    items.currency,
    items.quantity,
    items.recurring_interval,
    items.recurring_interval_count,
    (
        {{ onstrategy.from_minor_units('items.unit_amount_minor', 'decimals.decimals') }} * items.quantity
        * case items.recurring_interval
            when 'month' then cast(1 as {{ onstrategy.type_double() }})
            when 'year' then cast(1 as {{ onstrategy.type_double() }}) / 12
            when 'week' then cast(52 as {{ onstrategy.type_double() }}) / 12
            when 'day' then cast(365 as {{ onstrategy.type_double() }}) / 12
        end
        / items.recurring_interval_count
    ) as mrr_original
from items
inner join subscriptions on subscriptions.subscription_id = items.subscription_id
left join currency_decimals as decimals on decimals.currency = items.currency
