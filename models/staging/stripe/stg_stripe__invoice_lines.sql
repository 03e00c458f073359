{#- The lines.data[] of each invoice, one row per line. -#}
{%- set paths = ['$.id', '$.currency', '$.amount', '$.price.id', '$.price.product', '$.quantity'] %}
with invoices as (
    select * from {{ ref('stg_stripe__invoices') }}
),

{# The JSON stays in the raw table (the staging row is one of its lines), so staging does not store it again. -#}
invoice_documents as (
    {{ onstrategy.stripe_documents('invoices') }}
),

{# every field of every line in one parse of the invoice's JSON (json_array_records) -#}
lines as (
    select
        invoices.invoice_id,
        invoices.customer_id,
        invoices.status as invoice_status,
        invoices.currency as invoice_currency,
        invoices.invoice_date,
        {{ onstrategy.json_array_records('invoice_documents.object_json', '$.lines.data', paths) }} as line_record
    from invoices
    inner join invoice_documents
        on invoice_documents._source_file = invoices._source_file
        and invoice_documents._source_line = invoices._source_line
)

select
    {{ onstrategy.json_record_str('lines.line_record', '$.id') }} as invoice_line_id,
    lines.invoice_id,
    lines.customer_id,
    lines.invoice_status,
    lines.invoice_date,
    upper(
        coalesce({{ onstrategy.json_record_str('lines.line_record', '$.currency') }}, lines.invoice_currency)
    ) as currency,
    {{ onstrategy.parse_double(onstrategy.json_record_str('lines.line_record', '$.amount')) }} as amount_minor,
    {{ onstrategy.json_record_str('lines.line_record', '$.price.id') }} as price_id,
    {{ onstrategy.json_record_str('lines.line_record', '$.price.product') }} as product_id,
    coalesce(
        {{ onstrategy.parse_double(onstrategy.json_record_str('lines.line_record', '$.quantity')) }}, 1
    ) as quantity
from lines
