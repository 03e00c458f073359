{#- The lines.data[] of each invoice, one row per line. -#}
{%- set paths = ['$.id', '$.currency', '$.amount', '$.price.id', '$.price.product', '$.quantity'] %}
with invoices as (
    select * from {{ ref('stg_stripe__invoices') }}
),

{# The JSON stays in the raw table (the staging row is one of its lines), so staging does not store it again. -#}
invoice_documents as (
    {{ onstrategy.stripe_documents('invoices') }}
),

lines as (
    select
        invoices.invoice_id,
        invoices.customer_id,
        invoices.status as invoice_status,
        invoices.currency as invoice_currency,
        invoices.invoice_date,
        {{ onstrategy.json_array_elements('invoice_documents.object_json', '$.lines.data') }} as line_json
    from invoices
    inner join invoice_documents
        on invoice_documents._source_file = invoices._source_file
        and invoice_documents._source_line = invoices._source_line
),

{# every field of a line in one parse of its JSON (json_strs) -#}
line_fields as (
    select
        lines.*,
        {{ onstrategy.json_strs('line_json', paths) }} as line_values
    from lines
)

select
    {{ onstrategy.json_strs_item('line_values', paths, '$.id') }} as invoice_line_id,
    invoice_id,
    customer_id,
    invoice_status,
    invoice_date,
    upper(coalesce({{ onstrategy.json_strs_item('line_values', paths, '$.currency') }}, invoice_currency)) as currency,
    {{ onstrategy.sf_double(onstrategy.json_strs_item('line_values', paths, '$.amount')) }} as amount_minor,
    {{ onstrategy.json_strs_item('line_values', paths, '$.price.id') }} as price_id,
    {{ onstrategy.json_strs_item('line_values', paths, '$.price.product') }} as product_id,
    coalesce({{ onstrategy.sf_double(onstrategy.json_strs_item('line_values', paths, '$.quantity')) }}, 1) as quantity
from line_fields
