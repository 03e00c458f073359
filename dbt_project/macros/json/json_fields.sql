{#- JSON documents (Stripe objects): fields by JSONPath, several in one parse, array elements, validity. -#}

{#- A string field of a JSON document, by JSONPath ('$.metadata.product_line'). -#}
{% macro json_str(column, path) -%}
    {{ return(adapter.dispatch('json_str', 'onstrategy')(column, path)) }}
{%- endmacro %}

{% macro default__json_str(column, path) -%}
    json_extract_string({{ column }}, '{{ path }}')
{%- endmacro %}

{% macro spark__json_str(column, path) -%}
    get_json_object({{ column }}, '{{ path }}')
{%- endmacro %}

{#- Several string fields of one JSON document with one parse: `json_strs(column, paths)` as a column of a CTE,
    then `json_strs_item(that column, paths, path)` for each field (`path` one of `paths`). DuckDB reads a list of
    paths in one parse, far cheaper than a parse per field (docs/decisions.md, "One JSON parse per document"); on
    Spark the column is the document itself and each field is read from it. -#}
{% macro json_strs(column, paths) -%}
    {{ return(adapter.dispatch('json_strs', 'onstrategy')(column, paths)) }}
{%- endmacro %}

{% macro default__json_strs(column, paths) -%}
    json_extract_string({{ column }}, [{% for path in paths %}'{{ path }}'{{ ', ' if not loop.last }}{% endfor %}])
{%- endmacro %}

{% macro spark__json_strs(column, paths) -%}
    {{ column }}
{%- endmacro %}

{% macro json_strs_item(fields, paths, path) -%}
    {{ return(adapter.dispatch('json_strs_item', 'onstrategy')(fields, paths, path)) }}
{%- endmacro %}

{% macro default__json_strs_item(fields, paths, path) -%}
    {{ fields }}[{{ paths.index(path) + 1 }}]
{%- endmacro %}

{% macro spark__json_strs_item(fields, paths, path) -%}
    {{ onstrategy.json_str(fields, path) }}
{%- endmacro %}

{#- One string field of every element of a JSON array given as text (`'[{"amount": 100}, ...]'`), as a list
    (elements without the field are left out). -#}
{% macro json_array_field_strs(array_json, field) -%}
    {{ return(adapter.dispatch('json_array_field_strs', 'onstrategy')(array_json, field)) }}
{%- endmacro %}

{% macro default__json_array_field_strs(array_json, field) -%}
    json_extract_string({{ array_json }}, '$[*].{{ field }}')
{%- endmacro %}

{% macro spark__json_array_field_strs(array_json, field) -%}
    filter(transform(from_json({{ array_json }}, 'array<string>'), element -> get_json_object(element, '$.{{ field }}')),
           value -> value is not null)
{%- endmacro %}

{#- Whether any element of a list satisfies `predicate`, an expression over `variable`. -#}
{% macro any_element(list, variable, predicate) -%}
    {{ return(adapter.dispatch('any_element', 'onstrategy')(list, variable, predicate)) }}
{%- endmacro %}

{% macro default__any_element(list, variable, predicate) -%}
    coalesce(len(list_filter({{ list }}, lambda {{ variable }}: {{ predicate }})) > 0, false)
{%- endmacro %}

{% macro spark__any_element(list, variable, predicate) -%}
    coalesce(exists({{ list }}, {{ variable }} -> {{ predicate }}), false)
{%- endmacro %}

{#- Whether a text is a valid JSON document. -#}
{% macro json_is_valid(column) -%}
    {{ return(adapter.dispatch('json_is_valid', 'onstrategy')(column)) }}
{%- endmacro %}

{% macro default__json_is_valid(column) -%}
    coalesce(json_valid({{ column }}), false)
{%- endmacro %}

{% macro spark__json_is_valid(column) -%}
    (get_json_object({{ column }}, '$') is not null)
{%- endmacro %}

{#- The elements of a JSON array in a document, one output row each (use in a select list), as a record whose
    string fields at `paths` (relative to an element, e.g. '$.price.id') `json_record_str(record, path)` reads.
    DuckDB parses the document once into just those fields (from_json with a structure) instead of cutting it into
    one JSON text per element that is parsed again (docs/decisions.md, "One JSON parse per document"); Spark explodes the elements as JSON text and reads each field from it (its from_json
    drops a whole array when one element is not an object). Either way a value at `array_path` that is not an
    array gives no rows (an invoice whose `lines.data` is not an array is quarantined first: `malformed_lines`), a
    field of another shape than expected (text where an object is expected) reads as NULL, and numbers and booleans
    read as their JSON text. -#}
{% macro json_array_records(column, array_path, paths) -%}
    {{ return(adapter.dispatch('json_array_records', 'onstrategy')(column, array_path, paths)) }}
{%- endmacro %}

{% macro default__json_array_records(column, array_path, paths) -%}
    {%- set wrapped = namespace(structure=[onstrategy.duckdb_json_structure(paths)]) -%}
    {%- for part in (onstrategy.json_path_parts(array_path) | reverse) -%}
        {%- set wrapped.structure = {part: wrapped.structure} -%}
    {%- endfor -%}
    unnest((from_json({{ column }}, '{{ tojson(wrapped.structure) }}')){{ onstrategy.json_field_access(array_path) }})
{%- endmacro %}

{% macro spark__json_array_records(column, array_path, paths) -%}
    explode(from_json(get_json_object({{ column }}, '{{ array_path }}'), 'array<string>'))
{%- endmacro %}

{#- A string field of a `json_array_records` record. -#}
{% macro json_record_str(record, path) -%}
    {{ return(adapter.dispatch('json_record_str', 'onstrategy')(record, path)) }}
{%- endmacro %}

{% macro default__json_record_str(record, path) -%}
    {{ record }}{{ onstrategy.json_field_access(path) }}
{%- endmacro %}

{% macro spark__json_record_str(record, path) -%}
    {{ onstrategy.json_str(record, path) }}
{%- endmacro %}

{#- '$.price.id' -> ['price', 'id']: the keys of a JSON path as the models write them ('$.' then dotted keys). -#}
{% macro json_path_parts(path) -%}
    {{ return(path[2:].split('.')) }}
{%- endmacro %}

{#- '$.price.id' -> ."price"."id": the field of a DuckDB struct. -#}
{% macro json_field_access(path) -%}
    {%- for part in onstrategy.json_path_parts(path) %}.{{ adapter.quote(part) }}{% endfor -%}
{%- endmacro %}

{#- ['$.id', '$.price.id'] -> {"id": "VARCHAR", "price": {"id": "VARCHAR"}}: the structure DuckDB's from_json
    reads them as. -#}
{% macro duckdb_json_structure(paths) -%}
    {%- set structure = {} -%}
    {%- for path in paths -%}
        {%- set parts = onstrategy.json_path_parts(path) -%}
        {%- set node = namespace(fields=structure) -%}
        {%- for part in parts[:-1] -%}
            {%- if part not in node.fields -%}{%- do node.fields.update({part: {}}) -%}{%- endif -%}
            {%- set node.fields = node.fields[part] -%}
        {%- endfor -%}
        {%- do node.fields.update({parts[-1]: 'VARCHAR'}) -%}
    {%- endfor -%}
    {{ return(structure) }}
{%- endmacro %}
