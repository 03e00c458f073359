{#- the objects whose batches build incrementally (onstrategy.transform.incremental.INCREMENTAL_OBJECTS),
    with the column of their staging model that holds the Id -#}
{%- set recomputed_objects = {'Task': 'task_id', 'Event': 'event_id'} -%}
{%- set recomputed_list = "'" ~ recomputed_objects | join("', '") ~ "'" -%}
{{ config(
    alias='load_reconciliation',
    materialized='incremental',
    incremental_strategy=onstrategy.keyed_incremental_strategy(),
    unique_key=['object', 'source_file']
) }}
{#-
  Nothing lost (SPEC "Inputs"): for every landing file, the records read by the ingest equal the records loaded
  (current versions in staging) + quarantined + superseded by a newer version + deleted (+ Stripe test-mode
  objects). `loaded` is counted in the staging models themselves, so a record dropped anywhere on the way shows up
  as `unaccounted`; the test assert_load_reconciliation_balances fails the run (and blocks publication) then.
  Incremental (macros/incremental/): a run that only adds Task and Event batches replaces the rows of the files
  whose counts it can change (unique_key object + source_file), updating the last build's counts by what the new
  batches change; no other object's counts can change. The two ways of counting, and why the update is exact:
  macros/audit/load_reconciliation.sql.
-#}
{#- the objects and their staging models, from the input contract (onstrategy.ingest.contracts) -#}
{%- set salesforce_objects = onstrategy.reconciled_salesforce_objects() -%}
{%- set stripe_objects = onstrategy.reconciled_stripe_objects() %}
-- depends_on: {{ source('audit', 'pending_changes') }}
with ingested_files as (
    select source, object, source_file, rows_read
    from {{ source('audit', 'ingested_files') }}
    {%- if is_incremental() %}
    where object in ({{ recomputed_list }})
    {%- endif %}
),
{%- if is_incremental() %}
{{ onstrategy.reconciliation_updated_counts(salesforce_objects, recomputed_objects) }}
{%- else %}
{{ onstrategy.reconciliation_full_counts(salesforce_objects, stripe_objects) }}
{%- endif %}

select
    source,
    object,
    source_file,
    rows_read,
    rows_loaded,
    rows_quarantined,
    rows_superseded,
    rows_deleted,
    rows_test_mode,
    rows_read - rows_loaded - rows_quarantined - rows_superseded - rows_deleted - rows_test_mode as rows_unaccounted
from file_counts
