{#- Raw Stripe subscriptions lines with the JSON fields the project reads taken out once (macros/stripe.sql). -#}
{{ onstrategy.stripe_object_fields('subscriptions', [
    ('customer', '$.customer'),
    ('status', '$.status'),
    ('currency', '$.currency'),
    ('start_date', '$.start_date'),
    ('canceled_at', '$.canceled_at'),
    ('cancel_at', '$.cancel_at'),
    ('ended_at', '$.ended_at')
]) }}
