{#- Raw Stripe invoices lines with the JSON fields the project reads taken out once (macros/stripe.sql). -#}
{{ onstrategy.stripe_object_fields('invoices', [
    ('customer', '$.customer'),
    ('subscription', '$.subscription'),
    ('status', '$.status'),
    ('currency', '$.currency')
]) }}
