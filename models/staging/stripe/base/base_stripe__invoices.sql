{#- Raw Stripe invoices lines with the JSON fields the project reads taken out once (macros/stripe/objects.sql), whether
    `lines.data` is an array (the quarantine sets aside an invoice whose lines cannot be read) and its lines'
    amounts as text (the quarantine checks they are whole numbers of minor units). -#}
{{ onstrategy.stripe_object_fields('invoices', [
    ('customer', '$.customer'),
    ('subscription', '$.subscription'),
    ('status', '$.status'),
    ('currency', '$.currency')
], array_fields=[('lines_is_array', '$.lines.data')],
   element_fields=[('line_amounts', '$.lines.data', 'amount')]) }}
