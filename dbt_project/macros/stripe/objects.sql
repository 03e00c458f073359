{#- Stripe objects as the staging and quarantine layers read them: JSON fields taken out once, the documents, the
    latest usable copy of each id. -#}

{#- The raw lines of one Stripe object with the JSON fields the project reads taken out once: the object's quarantine,
    its staging model and the load reconciliation read these columns instead of parsing each JSON document again
    for every field and every check (the JSON parse dominated the build at scale). `fields` are (column, JSON path)
    pairs read as text; every object also gets `created`, `livemode` and `deleted`. `array_fields` are (column, JSON
    path) pairs read as whether the value is a JSON array (NULL when absent), for shape checks: its text starts with
    `[` and it has a first element (or is `[]`), since a JSON string holding an array's text reads as the same text
    but has no elements. A line that is not JSON has NULL fields and `_is_valid_json` false (a line with an id
    parsed at ingest, so only id-less lines are checked).
    The JSON document itself stays in the raw table (`stripe_documents`): writing it again cost more than parsing
    it (docs/decisions.md, "Stripe documents stay in the raw tables"). -#}
{% macro stripe_object_fields(object_name, fields, array_fields=[], element_fields=[]) -%}
    {%- set all_fields = [('created', '$.created'), ('livemode', '$.livemode'), ('deleted', '$.deleted')] + fields -%}
    {%- set paths = all_fields | map(attribute=1) | list -%}
    {%- for column_name, path in array_fields -%}
        {%- do paths.extend([path, path ~ '[0]']) -%}
    {%- endfor -%}
    {%- for column_name, path, element_field in element_fields -%}
        {%- if path not in paths %}{% do paths.append(path) %}{% endif -%}
    {%- endfor -%}
    {%- set raw_columns = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(source('stripe', object_name)) -%}
            {%- if column.name | lower != 'object_json' -%}
                {%- do raw_columns.append(adapter.quote(column.name)) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    with raw_lines as (
        select
            raw_objects.*,
            (raw_objects.id is not null or {{ onstrategy.json_is_valid('raw_objects.object_json') }}) as _is_valid_json
        from {{ source('stripe', object_name) }} as raw_objects
    ),

    parsed_lines as (
        {#- every field in one parse of the document (json_strs) -#}
        select
            raw_lines.*,
            case when raw_lines._is_valid_json then
                {{ onstrategy.json_strs('raw_lines.object_json', paths) }}
            end as _json_fields
        from raw_lines
    )

    select
        {%- for column_name in raw_columns %}
        parsed_lines.{{ column_name }},
        {%- endfor %}
        parsed_lines._is_valid_json,
        {%- for column_name, path in all_fields %}
        case when parsed_lines._is_valid_json then {{ onstrategy.json_strs_item('parsed_lines._json_fields', paths, path) }} end
            as {{ column_name }}{{ ',' if not loop.last or array_fields or element_fields }}
        {%- endfor %}
        {%- for column_name, path in array_fields %}
        {#- the value's text is only looked at, not kept: an array's text is its whole content #}
        {%- set value = onstrategy.json_strs_item('parsed_lines._json_fields', paths, path) %}
        {%- set first_element = onstrategy.json_strs_item('parsed_lines._json_fields', paths, path ~ '[0]') %}
        case when parsed_lines._is_valid_json then
            {{ value }} like '[%' and ({{ first_element }} is not null or {{ value }} = '[]')
        end as {{ column_name }}{{ ',' if not loop.last or element_fields }}
        {%- endfor %}
        {%- for column_name, path, element_field in element_fields %}
        {#- one field of every element, read from the array's text (already cut out of the document) #}
        {%- set value = onstrategy.json_strs_item('parsed_lines._json_fields', paths, path) %}
        case when parsed_lines._is_valid_json and {{ value }} like '[%' then
            {{ onstrategy.json_array_field_strs(value, element_field) }}
        end as {{ column_name }}{{ ',' if not loop.last }}
        {%- endfor %}
    from parsed_lines
{%- endmacro %}

{#- The JSON document of every raw line of a Stripe object, keyed by file and line like its base_stripe__ model. -#}
{% macro stripe_documents(object_name) -%}
    select _source_file, _source_line, object_json from {{ source('stripe', object_name) }}
{%- endmacro %}

{#- Every usable copy of every Stripe object (`relation`: its base_stripe__ model), ranked newest first per id
    (later batch file, then later line); the object's quarantined lines take no part. -#}
{% macro stripe_object_versions(relation, quarantine) -%}
    {%- set candidate_versions -%}
    select raw_objects.*
    from {{ relation }} as raw_objects
    where id is not null
      and not exists (
          select 1 from {{ quarantine }} as quarantined
          where quarantined._source_file = raw_objects._source_file
            and quarantined._source_line = raw_objects._source_line
      )
    {%- endset -%}
    {{ onstrategy.ranked_versions(candidate_versions, 'id', '_batch_rank desc, _source_line desc') }}
{%- endmacro %}

{% macro is_stripe_test_mode() -%}
    coalesce(livemode, 'true') <> 'true'
{%- endmacro %}

{% macro is_stripe_deleted() -%}
    coalesce(deleted, 'false') <> 'false'
{%- endmacro %}

{#- Stripe objects (`relation`: the base_stripe__ model): the latest copy of each id, live-mode and not deleted. -#}
{% macro latest_stripe_objects(relation, quarantine) -%}
    select *
    from ({{ onstrategy.stripe_object_versions(relation, quarantine) }}) as versions
    where _version_rank = 1
      and not {{ onstrategy.is_stripe_test_mode() }}
      and not {{ onstrategy.is_stripe_deleted() }}
{%- endmacro %}
