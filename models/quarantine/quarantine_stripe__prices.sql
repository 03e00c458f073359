{{ config(alias='prices') }}
{#- Stripe price lines that cannot be used: not JSON, no id, a conflicting duplicate, an unparseable `created` or
    `unit_amount`, a currency that cannot be converted, or a product that is not in the export. -#}
{%- set unit_amount = onstrategy.stripe_field('unit_amount') -%}
{{ onstrategy.quarantine_stripe_objects(
    'prices',
    onstrategy.stripe_timestamp_checks(['created'])
    + [('unparseable_number', 'unit_amount',
        onstrategy.is_present(unit_amount) ~ " and " ~ onstrategy.sf_double(unit_amount) ~ " is null"),
       onstrategy.stripe_currency_check(),
       onstrategy.stripe_orphan_check('orphan_product', 'product', 'products')],
    joins=onstrategy.stripe_currency_joins() ~ "\n" ~ onstrategy.stripe_parent_join('product', 'products')
) }}
