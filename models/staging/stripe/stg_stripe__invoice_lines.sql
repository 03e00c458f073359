{#- The lines.data[] of each invoice, one row per line. -#}
with invoices as (
    select * from {{ ref('stg_stripe__invoices') }}
),

{# The JSON comes from the base model (the staging row is one of its rows), so staging does not store it twice. -#}
invoice_documents as (
    select _source_file, _source_line, object_json from {{ ref('base_stripe__invoices') }}
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
)

select
    {{ onstrategy.json_str('line_json', '$.id') }} as invoice_line_id,
    invoice_id,
    customer_id,
    invoice_status,
    invoice_date,
    upper(coalesce({{ onstrategy.json_str('line_json', '$.currency') }}, invoice_currency)) as currency,
    {{ onstrategy.sf_double(onstrategy.json_str('line_json', '$.amount')) }} as amount_minor,
    {{ onstrategy.json_str('line_json', '$.price.id') }} as price_id,
    {{ onstrategy.json_str('line_json', '$.price.product') }} as product_id,
    coalesce({{ onstrategy.sf_double(onstrategy.json_str('line_json', '$.quantity')) }}, 1) as quantity
from lines
