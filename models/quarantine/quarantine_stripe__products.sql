{{ config(alias='products') }}
{#- Stripe product lines that cannot be used: not JSON, no id, a conflicting duplicate, an unparseable `created`. -#}
{{ onstrategy.quarantine_stripe_objects('products', onstrategy.stripe_timestamp_checks(['created'])) }}
