{#- Raw Stripe products lines with the JSON fields the project reads taken out once (macros/stripe/objects.sql). -#}
{{ onstrategy.stripe_object_fields('products', [
    ('name', '$.name'),
    ('active', '$.active'),
    ('metadata_product_line', '$.metadata.product_line')
]) }}
