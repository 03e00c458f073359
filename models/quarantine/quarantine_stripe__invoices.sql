{{ config(alias='invoices') }}
{#- Stripe invoice lines (whole invoices with their lines.data[]) that cannot be used: not JSON, no id, a
    conflicting duplicate, an unparseable `created`, a `lines.data` that is not a list (its billed revenue would go
    missing without a word), a line amount that is not a whole number of minor units or beyond any real amount, a
    currency that cannot be converted, a customer that is not in the export, or a paid invoice in a foreign
    currency with no conversion rate on its `created` date. -#}
{%- set rate_at_invoice = onstrategy.records_with_fx_rate(
    ref('base_stripe__invoices'), ref('stg_salesforce__fx_rates'),
    currency_sql='upper(records.currency)', date_sql=onstrategy.unix_seconds_to_date('records.created')) -%}
{{ onstrategy.quarantine_stripe_objects(
    'invoices',
    onstrategy.stripe_timestamp_checks(['created'])
    + [('malformed_lines', 'lines.data', 'not raw_records.lines_is_array')]
    + onstrategy.element_checks('line_amounts', 'lines.data.amount', *onstrategy.stripe_amount_range())
    + [onstrategy.stripe_currency_check(),
       onstrategy.orphan_check('orphan_customer', 'customer', 'stripe', 'customers'),
       ('missing_fx_rate', 'created',
        "raw_records.status = 'paid' and upper(raw_records.currency) <> settings.reporting_currency"
        ~ " and rate_at_invoice._source_line is null",
        [onstrategy.settings_join(), 'left join ' ~ rate_at_invoice ~ ' as rate_at_invoice on '
                                     ~ onstrategy.same_record('rate_at_invoice', 'raw_records')])]
) }}
