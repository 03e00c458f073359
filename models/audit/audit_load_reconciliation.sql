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
{%- set salesforce_objects = [
    ('User', 'user', 'stg_salesforce__users', false),
    ('UserRole', 'user_role', 'stg_salesforce__user_roles', false),
    ('Account', 'account', 'stg_salesforce__accounts', true),
    ('Contact', 'contact', 'stg_salesforce__contacts', true),
    ('Product2', 'product2', 'stg_salesforce__products', false),
    ('Opportunity', 'opportunity', 'stg_salesforce__opportunities', true),
    ('OpportunityLineItem', 'opportunity_line_item', 'stg_salesforce__opportunity_line_items', true),
    ('OpportunityContactRole', 'opportunity_contact_role', 'stg_salesforce__opportunity_contact_roles', true),
    ('Task', 'task', 'stg_salesforce__tasks', true),
    ('Event', 'event', 'stg_salesforce__events', true),
    ('ForecastingQuota', 'forecasting_quota', 'stg_salesforce__forecasting_quotas', true),
] -%}
{%- set stripe_objects = [
    ('customers', 'stg_stripe__customers'),
    ('products', 'stg_stripe__products'),
    ('prices', 'stg_stripe__prices'),
    ('subscriptions', 'stg_stripe__subscriptions'),
    ('invoices', 'stg_stripe__invoices'),
] %}
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
