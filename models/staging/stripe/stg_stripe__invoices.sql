with latest_invoices as (
    {{ onstrategy.latest_stripe_objects(ref('base_stripe__invoices'), ref('quarantine_stripe__invoices')) }}
)

select
    id as invoice_id,
    customer as customer_id,
    subscription as subscription_id,
    status,
    upper(currency) as currency,
    {{ onstrategy.unix_seconds_to_date('created') }} as invoice_date,
    _source_file,
    _source_line
from latest_invoices
