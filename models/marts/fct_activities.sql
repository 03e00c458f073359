{#- Completed tasks and events of reps, with the resolved account and its ICP status on the activity date.
    Incremental (macros/incremental.sql): a run that only adds activity batches recomputes their Ids alone. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ onstrategy.delete_recomputed('activity_id in (' ~ onstrategy.pending_activity_ids() ~ ')') }}"
) }}
-- depends_on: {{ source('audit', 'pending_changes') }}
select
    activity_id,
    activity_type,
    rep_id,
    team,
    account_id,
    activity_date,
    fiscal_quarter,
    fiscal_quarter_index,
    version_id,
    duration_minutes,
    is_icp
from {{ ref('int_activities') }}
{%- if is_incremental() %}
where activity_id in ({{ onstrategy.pending_activity_ids() }})
{%- endif %}
