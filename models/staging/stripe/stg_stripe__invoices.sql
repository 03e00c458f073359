with latest_invoices as (
    {{ onstrategy.latest_stripe_objects(source('stripe', 'invoices'), ref('quarantine_stripe__invoices')) }}
)

select
    id as invoice_id,
    {{ onstrategy.json_str('object_json', '$.customer') }} as customer_id,
    {{ onstrategy.json_str('object_json', '$.subscription') }} as subscription_id,
    {{ onstrategy.json_str('object_json', '$.status') }} as status,
    upper({{ onstrategy.json_str('object_json', '$.currency') }}) as currency,
    {{ onstrategy.unix_seconds_to_date(onstrategy.json_str('object_json', '$.created')) }} as invoice_date,
    object_json,
    _source_file,
    _source_line
from latest_invoices
