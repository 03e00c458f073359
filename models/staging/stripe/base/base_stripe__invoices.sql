{#- Raw Stripe invoices lines with the JSON fields the project reads taken out once (macros/stripe.sql), and
    whether `lines.data` is an array (the quarantine sets aside an invoice whose lines cannot be read). -#}
{{ onstrategy.stripe_object_fields('invoices', [
    ('customer', '$.customer'),
    ('subscription', '$.subscription'),
    ('status', '$.status'),
    ('currency', '$.currency')
], array_fields=[('lines_is_array', '$.lines.data')]) }}
