{{ config(alias='subscriptions') }}
{#- Stripe subscription lines that cannot be used: not JSON, no id, a conflicting duplicate, an unparseable
    timestamp, an item quantity that is not a whole number or beyond any real one, a currency that cannot be
    converted, or a customer that is not in the export. -#}
{{ onstrategy.quarantine_stripe_objects(
    'subscriptions',
    onstrategy.stripe_timestamp_checks(['created', 'start_date', 'canceled_at', 'cancel_at', 'ended_at'])
    + onstrategy.element_checks('item_quantities', 'items.data.quantity', *onstrategy.stripe_quantity_range())
    + [onstrategy.stripe_currency_check(),
       onstrategy.orphan_check('orphan_customer', 'customer', 'stripe', 'customers')]
) }}
