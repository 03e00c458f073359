{{ config(alias='prices') }}
{#- Stripe price lines that cannot be used: not JSON, no id, a conflicting duplicate, an unparseable `created`, a
    `unit_amount` that is not a whole number of minor units or beyond any real amount, a currency that cannot be
    converted, or a product that is not in the export. -#}
{{ onstrategy.quarantine_stripe_objects(
    'prices',
    onstrategy.stripe_timestamp_checks(['created'])
    + onstrategy.whole_number_checks('raw_records.unit_amount', 'unit_amount', *onstrategy.stripe_amount_range())
    + [onstrategy.stripe_currency_check(),
       onstrategy.orphan_check('orphan_product', 'product', 'stripe', 'products')]
) }}
