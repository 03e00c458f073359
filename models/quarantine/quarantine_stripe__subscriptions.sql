{{ config(alias='subscriptions') }}
{#- Stripe subscription lines that cannot be used: not JSON, no id, a conflicting duplicate, an unparseable
    timestamp, an item quantity that is not a whole number or beyond any real one, a currency that cannot be
    converted, or a customer that is not in the export. -#}
{% set joins %}
    cross join {{ ref('stg_strategy__settings') }} as settings
    left join {{ ref('currency_decimals') }} as currency_decimals
        on currency_decimals.currency = upper(raw_records.currency)
    left join (select distinct currency from {{ ref('stg_salesforce__fx_rates') }}) as rated_currencies
        on rated_currencies.currency = upper(raw_records.currency)
    left join (
        {{ onstrategy.usable_ids(source('stripe', 'customers'), ref('quarantine_stripe__customers')) }}
    ) as customers
        on customers.Id = raw_records.customer
{% endset %}
{{ onstrategy.quarantine_stripe_objects(
    'subscriptions',
    onstrategy.stripe_timestamp_checks(['created', 'start_date', 'canceled_at', 'cancel_at', 'ended_at'])
    + onstrategy.element_checks('item_quantities', 'items.data.quantity', *onstrategy.stripe_quantity_range())
    + [onstrategy.stripe_currency_check('currency_decimals', 'rated_currencies', 'settings.reporting_currency'),
       ('orphan_customer', 'customer', onstrategy.is_orphan('raw_records.customer', 'customers'))],
    joins=joins
) }}
