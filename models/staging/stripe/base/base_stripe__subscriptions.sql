{#- Raw Stripe subscriptions lines with the JSON fields the project reads taken out once
    (macros/stripe/objects.sql), and its items' quantities as text (the quarantine checks they are whole numbers). -#}
{{ onstrategy.stripe_object_fields('subscriptions', [
    ('customer', '$.customer'),
    ('status', '$.status'),
    ('currency', '$.currency'),
    ('start_date', '$.start_date'),
    ('canceled_at', '$.canceled_at'),
    ('cancel_at', '$.cancel_at'),
    ('ended_at', '$.ended_at')
], element_fields=[('item_quantities', '$.items.data', 'quantity')]) }}
