{{ config(alias='customers') }}
{#- Stripe customer lines that cannot be used: not JSON, no id, a conflicting duplicate, an unparseable `created`. -#}
{{ onstrategy.quarantine_stripe_objects('customers', onstrategy.stripe_timestamp_checks(['created'])) }}
