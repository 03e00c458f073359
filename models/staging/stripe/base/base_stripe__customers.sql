{#- Raw Stripe customers lines with the JSON fields the project reads taken out once (macros/stripe/objects.sql). -#}
{{ onstrategy.stripe_object_fields('customers', [
    ('name', '$.name'),
    ('email', '$.email'),
    ('currency', '$.currency'),
    ('metadata_salesforce_account_id', '$.metadata.salesforce_account_id')
]) }}
