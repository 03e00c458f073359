{#-
  The upsert rule of the input contract: per Id, the record with the highest SystemModstamp wins (ties: the later
  batch file, then the later line); a winning record with IsDeleted = true removes the Id. Quarantined records
  (the object's quarantine model) take no part.
-#}

{#- Every usable version of every record, ranked newest first per Id (_version_rank = 1 is the current one). -#}
{#- `only_keys`: a query of the keys to rank (all when none), distinct, in one column named like `key`;
    `record_filter`: a condition on the raw columns (alias `raw_records`) that limits the versions ranked, as if the
    others had never been loaded.
    The keys are joined, not tested with `in (...)`: with `in`, DuckDB built its hash table from the whole raw table
    and probed it with the few keys of an incremental build; with the join it scans the raw table once against the
    keys' table (docs/decisions.md, "Ranking record versions"). -#}
{% macro record_versions(relation, key='Id', quarantine=none, only_keys=none, record_filter=none) -%}
    {%- set candidate_versions -%}
    select raw_records.*
    from {{ relation }} as raw_records
    {%- if only_keys is not none %}
    inner join ({{ only_keys }}) as only_keys on only_keys.{{ key }} = raw_records.{{ key }}
    {%- endif %}
    where {{ onstrategy.is_present('raw_records.' ~ key) }}
    {%- if record_filter is not none %}
      and {{ record_filter }}
    {%- endif %}
    {%- if quarantine is not none %}
      and not exists (
          select 1 from {{ quarantine }} as quarantined
          where quarantined._source_file = raw_records._source_file
            and quarantined._source_line = raw_records._source_line
      )
    {%- endif %}
    {%- endset -%}
    {{ onstrategy.ranked_versions(candidate_versions, key,
        onstrategy.parse_datetime('SystemModstamp') ~ " desc nulls last, _batch_rank desc, _source_line desc") }}
{%- endmacro %}

{#- `candidate_versions` (a query) with `_version_rank`: 1 for the newest version of each `key` by `newest_first`
    (an order by list), 2, 3, ... for the older ones. Most keys have one version: only the repeated keys are ranked
    by a window (a window over every record cost more than the rest of the model: docs/decisions.md, "Ranking
    record versions"). -#}
{% macro ranked_versions(candidate_versions, key, newest_first) -%}
    with candidate_versions as (
        {{ candidate_versions }}
    ),

    repeated_keys as (
        select {{ key }} as record_key
        from candidate_versions
        group by {{ key }}
        having count(*) > 1
    )

    select candidate_versions.*, cast(1 as bigint) as _version_rank
    from candidate_versions
    where {{ key }} not in (select record_key from repeated_keys)

    union all

    select
        candidate_versions.*,
        row_number() over (partition by {{ key }} order by {{ newest_first }}) as _version_rank
    from candidate_versions
    where {{ key }} in (select record_key from repeated_keys)
{%- endmacro %}

{#- Whether a current version removes its record. -#}
{% macro is_deleted_version(has_is_deleted=true) -%}
    {%- if has_is_deleted -%}coalesce({{ onstrategy.parse_boolean('IsDeleted') }}, false){%- else -%}false{%- endif -%}
{%- endmacro %}

{#- What became of a version of record_versions: 'superseded' by a newer one, 'deleted' (it removes its Id) or
    'current' (the Id's record in staging). -#}
{% macro version_fate(has_is_deleted=true) -%}
    case
        when _version_rank > 1 then 'superseded'
        when {{ onstrategy.is_deleted_version(has_is_deleted) }} then 'deleted'
        else 'current'
    end
{%- endmacro %}

{% macro latest_records(relation, key='Id', has_is_deleted=true, quarantine=none, only_keys=none) -%}
    select *
    from ({{ onstrategy.record_versions(relation, key, quarantine, only_keys) }}) as versions
    where _version_rank = 1
      and not {{ onstrategy.is_deleted_version(has_is_deleted) }}
{%- endmacro %}

{#- The current version of every Task or Event (`table`: task, event) less its quarantine; on an incremental build
    only of the Ids in the new batch files (their other rows stay as the last build left them). -#}
{% macro latest_activity_records(table) -%}
    {%- set relation = source('salesforce', table) -%}
    {{ onstrategy.latest_records(
        relation,
        quarantine=ref('quarantine_salesforce__' ~ table),
        only_keys=onstrategy.recomputed_keys(table) if is_incremental() else none
    ) }}
{%- endmacro %}
