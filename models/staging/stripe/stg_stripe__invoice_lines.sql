{#- The lines.data[] of each invoice, one row per line. -#}
with lines as (
    select
        invoice_id,
        customer_id,
        status as invoice_status,
        currency as invoice_currency,
        invoice_date,
        {{ onstrategy.json_array_elements('object_json', '$.lines.data') }} as line_json
    from {{ ref('stg_stripe__invoices') }}
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
