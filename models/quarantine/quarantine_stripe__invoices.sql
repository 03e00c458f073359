{{ config(alias='invoices') }}
{#- Stripe invoice lines (whole invoices with their lines.data[]) that cannot be used: not JSON, no id, a
    conflicting duplicate, an unparseable `created`, a `lines.data` that is not a list, a line amount that is
    not a whole number of minor units or beyond any real amount, a currency that cannot be
    converted, a customer that is not in the export, or a paid invoice with no conversion rate on its date. -#}
{{ onstrategy.quarantine_stripe_objects(
    'invoices',
    onstrategy.stripe_timestamp_checks(['created'])
    + [onstrategy.stripe_lines_check()]
    + onstrategy.element_checks('line_amounts', 'lines.data.amount', *onstrategy.stripe_amount_range())
    + [onstrategy.stripe_currency_check(),
       onstrategy.stripe_orphan_check('orphan_customer', 'customer', 'customers'),
       onstrategy.stripe_missing_fx_rate_check()],
    joins=onstrategy.stripe_currency_joins() ~ "\n" ~ onstrategy.stripe_parent_join('customer', 'customers')
        ~ "\n" ~ onstrategy.stripe_fx_rate_join(ref('base_stripe__invoices'))
) }}
