{#- SPEC "Materiality of the quarantine": a warning (the run goes on and publishes) for each recent fiscal quarter
    whose won business held out by the quarantine exceeds `quarantine_warn_share` (0.5%) of its bookings. -#}
{{ config(severity='warn', meta={'dagster': {'asset_key': ['audit', 'audit_quarantine_impact']}}) }}
{{ onstrategy.quarantine_materiality(var('quarantine_warn_share')) }}
