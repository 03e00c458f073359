{{ config(alias='invoices') }}
{#- Stripe invoice lines (whole invoices with their lines.data[]) that cannot be used: not JSON, no id, a
    conflicting duplicate, an unparseable `created`, a `lines.data` that is not a list (its billed revenue would go
    missing without a word), a line amount that is not a whole number of minor units or beyond any real amount, a
    currency that cannot be converted, a customer that is not in the export, or a paid invoice in a foreign
    currency with no conversion rate on its `created` date. -#}
{%- set currency = "upper(raw_records.currency)" -%}
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
    left join {{ onstrategy.records_with_fx_rate(
        ref('base_stripe__invoices'), ref('stg_salesforce__fx_rates'),
        currency_sql='upper(records.currency)',
        date_sql=onstrategy.unix_seconds_to_date('records.created')) }} as rate_at_invoice
        on rate_at_invoice._source_file = raw_records._source_file
        and rate_at_invoice._source_line = raw_records._source_line
{% endset %}
{{ onstrategy.quarantine_stripe_objects(
    'invoices',
    onstrategy.stripe_timestamp_checks(['created'])
    + [('malformed_lines', 'lines.data', 'not raw_records.lines_is_array')]
    + onstrategy.element_checks('line_amounts', 'lines.data.amount', *onstrategy.stripe_amount_range())
    + [onstrategy.stripe_currency_check('currency_decimals', 'rated_currencies', 'settings.reporting_currency'),
       ('orphan_customer', 'customer', onstrategy.is_orphan('raw_records.customer', 'customers')),
       ('missing_fx_rate', 'created', "raw_records.status = 'paid' and " ~ currency
                                      ~ " <> settings.reporting_currency and rate_at_invoice._source_line is null")],
    joins=joins
) }}
