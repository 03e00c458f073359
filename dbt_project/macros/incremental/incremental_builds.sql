{#-
  Incremental activity models. `onstrategy.transform.incremental` (Python) decides per run: a full refresh, or an incremental
  build when only Task and Event received new batch files since the last successful build. Then each incremental
  model deletes the rows of the Ids (or, for quarantine, the batches) those files touch and inserts them again,
  recomputed from every raw version: the result equals a full refresh's. The load reconciliation instead replaces
  the rows of the files whose counts the new batches change (keyed_incremental_strategy below), updated from its
  last build's (models/audit/audit_load_reconciliation.sql says why that is exact).
-#}

{#- Raw rows of the object's batch files appended since the last successful build. -#}
{% macro is_pending_batch(object_name, rank_column='_batch_rank') -%}
    {{ rank_column }} >= (
        select min(pending.first_batch_rank)
        from {{ source('audit', 'pending_changes') }} as pending
        where pending.source = 'salesforce' and pending.object = '{{ object_name }}' and pending.change = 'appended'
    )
{%- endmacro %}

{#- Ids that have a record in those batch files: distinct, in one column named like `key` (callers join it). -#}
{% macro pending_ids(relation, object_name, key='Id') -%}
    select distinct {{ key }} from {{ relation }} where {{ onstrategy.is_pending_batch(object_name) }}
{%- endmacro %}

{#- Ids of the tasks and events in new batch files. -#}
{% macro pending_activity_ids() -%}
    {{ onstrategy.pending_ids(source('salesforce', 'task'), 'Task') }}
    union
    {{ onstrategy.pending_ids(source('salesforce', 'event'), 'Event') }}
{%- endmacro %}

{#- The incremental_strategy of a model that replaces its rows by `unique_key` (its select reads {{ this }} before
    the rows are replaced, which a delete pre-hook would not allow). -#}
{% macro keyed_incremental_strategy() -%}
    {{ return(adapter.dispatch('keyed_incremental_strategy', 'onstrategy')()) }}
{%- endmacro %}

{% macro default__keyed_incremental_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{#- dbt-spark has no delete+insert (and merge needs Delta tables). A Spark build starts from an empty metastore
    (onstrategy.transform.spark), so its incremental models are always built whole: append is never applied. -#}
{% macro spark__keyed_incremental_strategy() -%}
    {{ return('append') }}
{%- endmacro %}

{#- Pre-hook of an incremental model: remove the rows this run recomputes (nothing on a full refresh). -#}
{% macro delete_recomputed(condition) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ condition }}
    {%- endif -%}
{%- endmacro %}

{#- Whether this dbt build is the pipeline's incremental build (onstrategy.defs.dbt sets the variable for every
    build). Read at execution only: the parse, and so dbt's partial parsing, never depends on it. -#}
{% macro is_incremental_build() -%}
    {{ return(execute and env_var('ONSTRATEGY_DBT_INCREMENTAL', 'false') == 'true') }}
{%- endmacro %}

{#- The keys an incremental build recomputes, by object: task, event or activity (both). -#}
{% macro recomputed_keys(recomputed) -%}
    {%- if recomputed == 'task' -%}
        {{ onstrategy.pending_ids(source('salesforce', 'task'), 'Task') }}
    {%- elif recomputed == 'event' -%}
        {{ onstrategy.pending_ids(source('salesforce', 'event'), 'Event') }}
    {%- elif recomputed == 'activity' -%}
        {{ onstrategy.pending_activity_ids() }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("recomputed_keys: expected task, event or activity, got " ~ recomputed) }}
    {%- endif -%}
{%- endmacro %}

{#- The configuration of every model an incremental activity build recomputes in part: the rows `recomputed` (a
    condition on the model's rows, as Jinja source evaluated when the model runs) are deleted by a pre-hook, then
    the model's query (limited to them on an incremental build) is appended. Depends on audit.pending_changes,
    which says what the new batches are. -#}
{% macro recomputed_incrementally(recomputed) -%}
    {%- do source('audit', 'pending_changes') -%}
    {#- 'fail': a mart with an enforced contract must not change its columns silently; a project change is a full
        refresh anyway (onstrategy.transform.incremental), so an incremental build never meets a new schema -#}
    {{ config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ onstrategy.delete_recomputed(" ~ recomputed ~ ") }}"
    ) }}
{%- endmacro %}
