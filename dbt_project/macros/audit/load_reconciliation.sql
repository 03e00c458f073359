{#-
  The two ways audit.load_reconciliation (models/audit/audit_load_reconciliation.sql) counts each landing file's
  records: a full recount, or, on an incremental activity build, the last build's counts updated by what the new
  batches change. Each returns the CTEs after the model's `ingested_files`, ending with `file_counts` (one row per
  file with rows_read, rows_loaded, rows_quarantined, rows_superseded, rows_deleted, rows_test_mode).
  `salesforce_objects`: (object, raw table, staging model, has IsDeleted) of every Salesforce object;
  `stripe_objects`: (object, staging model) of every Stripe object; `recomputed_objects`: object -> the column of
  its staging model that holds the Id, for the objects an incremental build recomputes.
-#}

{#- Every file counted from scratch: each record's fate among all versions of its Id, and the rows of the
    staging and quarantine models. -#}
{% macro reconciliation_full_counts(salesforce_objects, stripe_objects) -%}
record_fates as (
    {%- for object_name, table, staging_model, has_is_deleted in salesforce_objects %}
    select
        '{{ object_name }}' as object,
        _source_file as source_file,
        {{ onstrategy.version_fate(has_is_deleted) }} as fate
    from ({{ onstrategy.record_versions(source('salesforce', table),
                                        quarantine=ref('quarantine_salesforce__' ~ table)) }}) as versions
    union all
    {%- endfor %}
    select
        'DatedConversionRate' as object,
        _source_file as source_file,
        case when rate_rank > 1 then 'superseded' else 'current' end as fate
    from (
        select
            raw_rates._source_file,
            row_number() over (
                partition by upper(trim(raw_rates.IsoCode)), {{ onstrategy.parse_date('raw_rates.StartDate') }}
                order by raw_rates._batch_rank desc, raw_rates._source_line desc
            ) as rate_rank
        from {{ source('salesforce', 'dated_conversion_rate') }} as raw_rates
        left join {{ ref('quarantine_salesforce__dated_conversion_rate') }} as quarantined
            on quarantined._source_file = raw_rates._source_file
            and quarantined._source_line = raw_rates._source_line
        where quarantined._source_line is null
    ) as ranked_rates
    {%- for object_name, staging_model in stripe_objects %}
    union all
    select
        '{{ object_name }}' as object,
        _source_file as source_file,
        case
            when _version_rank > 1 then 'superseded'
            when {{ onstrategy.is_stripe_test_mode() }} then 'test_mode'
            when {{ onstrategy.is_stripe_deleted() }} then 'deleted'
            else 'current'
        end as fate
    from ({{ onstrategy.stripe_object_versions(ref('base_stripe__' ~ object_name),
                                                ref('quarantine_stripe__' ~ object_name)) }}) as versions
    {%- endfor %}
),

fate_counts as (
    select
        object,
        source_file,
        count(case when fate = 'superseded' then 1 end) as rows_superseded,
        count(case when fate = 'deleted' then 1 end) as rows_deleted,
        count(case when fate = 'test_mode' then 1 end) as rows_test_mode
    from record_fates
    group by object, source_file
),

loaded_counts as (
    {%- for object_name, table, staging_model, has_is_deleted in salesforce_objects %}
    select '{{ object_name }}' as object, _source_file as source_file, count(*) as rows_loaded
    from {{ ref(staging_model) }}
    group by _source_file
    union all
    {%- endfor %}
    select 'DatedConversionRate' as object, _source_file as source_file, count(*) as rows_loaded
    from {{ ref('stg_salesforce__dated_conversion_rates') }}
    group by _source_file
    {%- for object_name, staging_model in stripe_objects %}
    union all
    select '{{ object_name }}' as object, _source_file as source_file, count(*) as rows_loaded
    from {{ ref(staging_model) }}
    group by _source_file
    {%- endfor %}
),

quarantined_counts as (
    {%- for object_name, table, staging_model, has_is_deleted in salesforce_objects %}
    select '{{ object_name }}' as object, _source_file as source_file, count(*) as rows_quarantined
    from {{ ref('quarantine_salesforce__' ~ table) }}
    group by _source_file
    union all
    {%- endfor %}
    select 'DatedConversionRate' as object, _source_file as source_file, count(*) as rows_quarantined
    from {{ ref('quarantine_salesforce__dated_conversion_rate') }}
    group by _source_file
    {%- for object_name, staging_model in stripe_objects %}
    union all
    select '{{ object_name }}' as object, _source_file as source_file, count(*) as rows_quarantined
    from {{ ref('quarantine_stripe__' ~ object_name) }}
    group by _source_file
    {%- endfor %}
),

file_counts as (
    select
        ingested_files.source,
        ingested_files.object,
        ingested_files.source_file,
        ingested_files.rows_read,
        coalesce(loaded_counts.rows_loaded, 0) as rows_loaded,
        coalesce(quarantined_counts.rows_quarantined, 0) as rows_quarantined,
        coalesce(fate_counts.rows_superseded, 0) as rows_superseded,
        coalesce(fate_counts.rows_deleted, 0) as rows_deleted,
        coalesce(fate_counts.rows_test_mode, 0) as rows_test_mode
    from ingested_files
    left join loaded_counts
        on loaded_counts.object = ingested_files.object and loaded_counts.source_file = ingested_files.source_file
    left join quarantined_counts
        on quarantined_counts.object = ingested_files.object
        and quarantined_counts.source_file = ingested_files.source_file
    left join fate_counts
        on fate_counts.object = ingested_files.object and fate_counts.source_file = ingested_files.source_file
)
{%- endmacro %}

{#- The files an incremental build touches, their counts updated from the last build's ({{ this }}). -#}
{% macro reconciliation_updated_counts(salesforce_objects, recomputed_objects) -%}
    {%- set recomputed_list = "'" ~ recomputed_objects | join("', '") ~ "'" -%}
    {%- set incremental_objects = salesforce_objects | selectattr(0, 'in', recomputed_objects) | list -%}
{#-
  Why updating the last build's counts is exact. A version's fate (current, superseded, deleted) depends only on the
  usable versions of its own Id, and whether a version is usable (not quarantined) never changes once its file is
  loaded: every activity check reads the record itself, its owner and account (an incremental build only happens
  when nothing but activities changed: onstrategy.transform.incremental), or, for conflicting duplicates, its own file. So the
  new batch files change only the fates of the versions of the Ids they hold (the pending Ids), the staging rows of
  those Ids (which the staging model has just recomputed), and the quarantine of their own records. Per file:
      count now = the last build's count
                  - what the last build counted for the pending Ids' versions
                  + what a full build counts for them now
  where "what the last build counted" is the same ranking over the files the last build reconciled (its staging
  rows of those Ids were their current versions then). Those files are the ones in {{ this }}: reading them, rather
  than "every file but the pending ones", keeps a run that is repeated after a failure later in the build exact.
  Files that hold no version of a pending Id keep their row; new files get one.
#}
previous_counts as (
    select object, source_file, rows_loaded, rows_quarantined, rows_superseded, rows_deleted, rows_test_mode
    from {{ this }}
    where object in ({{ recomputed_list }})
),

{%- for object_name, table, staging_model, has_is_deleted in incremental_objects %}

{{ table }}_pending_versions as (
    -- every raw version of the Ids that the new {{ object_name }} batch files hold (ranked twice below); joined,
    -- not `Id in (...)`: macro record_versions says why
    select raw_records.*
    from {{ source('salesforce', table) }} as raw_records
    inner join ({{ onstrategy.pending_ids(source('salesforce', table), object_name) }}) as pending_ids
        on pending_ids.Id = raw_records.Id
),
{%- endfor %}

pending_id_fates as (
    {%- for object_name, table, staging_model, has_is_deleted in incremental_objects %}
    {%- set pending_versions = table ~ '_pending_versions' %}
    {%- set quarantine = ref('quarantine_salesforce__' ~ table) %}
    -- as the last build counted them: ranked among the versions in the files it reconciled
    select
        '{{ object_name }}' as object,
        _source_file as source_file,
        'last_build' as counted_by,
        {{ onstrategy.version_fate(has_is_deleted) }} as fate
    from ({{ onstrategy.record_versions(
        pending_versions, quarantine=quarantine,
        record_filter="raw_records._source_file in (select source_file from previous_counts where object = '"
                      ~ object_name ~ "')") }}) as versions
    union all
    -- as a full build counts them now: superseded and deleted among all their versions...
    select '{{ object_name }}' as object, source_file, 'this_build' as counted_by, fate
    from (
        select _source_file as source_file, {{ onstrategy.version_fate(has_is_deleted) }} as fate
        from ({{ onstrategy.record_versions(pending_versions, quarantine=quarantine) }}) as versions
    ) as version_fates
    where fate <> 'current'
    union all
    -- ...and loaded: their rows in the staging model
    select '{{ object_name }}' as object, _source_file as source_file, 'this_build' as counted_by, 'current' as fate
    from {{ ref(staging_model) }}
    where {{ recomputed_objects[object_name] }} in (select Id from {{ pending_versions }})
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

count_changes as (
    select
        object,
        source_file,
        count(case when counted_by = 'this_build' and fate = 'current' then 1 end)
        - count(case when counted_by = 'last_build' and fate = 'current' then 1 end) as rows_loaded_change,
        count(case when counted_by = 'this_build' and fate = 'superseded' then 1 end)
        - count(case when counted_by = 'last_build' and fate = 'superseded' then 1 end) as rows_superseded_change,
        count(case when counted_by = 'this_build' and fate = 'deleted' then 1 end)
        - count(case when counted_by = 'last_build' and fate = 'deleted' then 1 end) as rows_deleted_change
    from pending_id_fates
    group by object, source_file
),

{#- the quarantine of the files reconciled before is unchanged (see above); the new files' is counted -#}
new_batch_quarantined_counts as (
    {%- for object_name, table, staging_model, has_is_deleted in incremental_objects %}
    select '{{ object_name }}' as object, _source_file as source_file, count(*) as rows_quarantined
    from {{ ref('quarantine_salesforce__' ~ table) }}
    where {{ onstrategy.is_pending_batch(object_name) }}
    group by _source_file
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

file_counts as (
    select
        ingested_files.source,
        ingested_files.object,
        ingested_files.source_file,
        ingested_files.rows_read,
        coalesce(previous_counts.rows_loaded, 0) + coalesce(count_changes.rows_loaded_change, 0) as rows_loaded,
        coalesce(previous_counts.rows_quarantined, new_batch_quarantined_counts.rows_quarantined, 0)
            as rows_quarantined,
        coalesce(previous_counts.rows_superseded, 0)
        + coalesce(count_changes.rows_superseded_change, 0) as rows_superseded,
        coalesce(previous_counts.rows_deleted, 0) + coalesce(count_changes.rows_deleted_change, 0) as rows_deleted,
        coalesce(previous_counts.rows_test_mode, 0) as rows_test_mode
    from ingested_files
    left join previous_counts
        on previous_counts.object = ingested_files.object
        and previous_counts.source_file = ingested_files.source_file
    left join count_changes
        on count_changes.object = ingested_files.object
        and count_changes.source_file = ingested_files.source_file
    left join new_batch_quarantined_counts
        on new_batch_quarantined_counts.object = ingested_files.object
        and new_batch_quarantined_counts.source_file = ingested_files.source_file
    -- the rows replaced: new files, and the files that hold a version of a pending Id
    where previous_counts.source_file is null or count_changes.source_file is not null
)
{%- endmacro %}
