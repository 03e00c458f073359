{{ config(alias='prices') }}
{#- Stripe price lines that cannot be used: not JSON, no id, a conflicting duplicate, an unparseable `created`, a
    `unit_amount` that is not a whole number of minor units or beyond any real amount, a currency that cannot be
    converted, or a product that is not in the export. -#}
{% set joins %}
    cross join {{ ref('stg_strategy__settings') }} as settings
    left join {{ ref('currency_decimals') }} as currency_decimals
        on currency_decimals.currency = upper(raw_records.currency)
    left join (select distinct currency from {{ ref('stg_salesforce__fx_rates') }}) as rated_currencies
        on rated_currencies.currency = upper(raw_records.currency)
    left join (
        {{ onstrategy.usable_ids(source('stripe', 'products'), ref('quarantine_stripe__products')) }}
    ) as products
        on products.Id = raw_records.product
{% endset %}
{{ onstrategy.quarantine_stripe_objects(
    'prices',
    onstrategy.stripe_timestamp_checks(['created'])
    + onstrategy.whole_number_checks('raw_records.unit_amount', 'unit_amount', *onstrategy.stripe_amount_range())
    + [onstrategy.stripe_currency_check('currency_decimals', 'rated_currencies', 'settings.reporting_currency'),
       ('orphan_product', 'product', onstrategy.is_orphan('raw_records.product', 'products'))],
    joins=joins
) }}
