{#- SPEC "Materiality of the quarantine": blocking. A row names a recent fiscal quarter (one of the last four) whose
    won business held out by the quarantine exceeds `quarantine_block_share` of its bookings (default 5%;
    ONSTRATEGY_QUARANTINE_BLOCK_SHARE overrides it): the run fails before publishing rather than show executives
    numbers that leave that much out. The companion test assert_quarantine_holds_out_no_material_won_business warns
    from `quarantine_warn_share` (0.5%). -#}
{{ config(severity='error', meta={'dagster': {'asset_key': ['audit', 'audit_quarantine_impact']}}) }}
{%- set block_share = env_var('ONSTRATEGY_QUARANTINE_BLOCK_SHARE', var('quarantine_block_share') | string) -%}
{{ onstrategy.quarantine_materiality(block_share) }}
