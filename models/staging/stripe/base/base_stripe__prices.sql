{#- Raw Stripe prices lines with the JSON fields the project reads taken out once (macros/stripe/objects.sql). -#}
{{ onstrategy.stripe_object_fields('prices', [
    ('product', '$.product'),
    ('currency', '$.currency'),
    ('unit_amount', '$.unit_amount'),
    ('recurring_interval', '$.recurring.interval'),
    ('recurring_interval_count', '$.recurring.interval_count')
]) }}
