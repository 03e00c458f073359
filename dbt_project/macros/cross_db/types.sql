{#- Engine-specific bits live here, behind adapter.dispatch; models call only these and dbt's own macros. -#}

{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'onstrategy')()) }}
{%- endmacro %}
{% macro default__type_double() -%}double{%- endmacro %}

{% macro type_bigint() -%}
    {{ return(adapter.dispatch('type_bigint', 'onstrategy')()) }}
{%- endmacro %}
{% macro default__type_bigint() -%}bigint{%- endmacro %}

{#- Salesforce booleans: true/false in any case, or 1/0; anything else is NULL. -#}
{% macro sf_bool(column) -%}
    case when lower(trim({{ column }})) in ('true', '1') then true
         when lower(trim({{ column }})) in ('false', '0') then false end
{%- endmacro %}

{#- Whether a double is a real number (not NaN, not an infinity). -#}
{% macro is_finite(value) -%}
    {{ return(adapter.dispatch('is_finite', 'onstrategy')(value)) }}
{%- endmacro %}
{% macro default__is_finite(value) -%}
    isfinite({{ value }})
{%- endmacro %}
{% macro spark__is_finite(value) -%}
    (not isnan({{ value }}) and abs({{ value }}) < double('infinity'))
{%- endmacro %}

{% macro sf_double(column) -%}
    {{ dbt.safe_cast(column, onstrategy.type_double()) }}
{%- endmacro %}

{% macro sf_bigint(column) -%}
    {{ onstrategy.double_to_bigint(onstrategy.sf_double(column)) }}
{%- endmacro %}

{#- A double as a bigint, rounded half to even as DuckDB's cast does (Spark's cast truncates). -#}
{% macro double_to_bigint(value) -%}
    {{ return(adapter.dispatch('double_to_bigint', 'onstrategy')(value)) }}
{%- endmacro %}
{% macro default__double_to_bigint(value) -%}
    {{ dbt.safe_cast(value, onstrategy.type_bigint()) }}
{%- endmacro %}
{% macro spark__double_to_bigint(value) -%}
    cast(bround({{ value }}, 0) as {{ onstrategy.type_bigint() }})
{%- endmacro %}

{#- A Salesforce date (YYYY-MM-DD); a datetime value keeps its date part. -#}
{% macro sf_date(column) -%}
    {{ dbt.safe_cast("substr(trim(" ~ column ~ "), 1, 10)", api.Column.translate_type("date")) }}
{%- endmacro %}

{#- A Salesforce datetime (2026-03-01T09:30:00.000+0000 or ...Z, always UTC in exports) as a timestamp. -#}
{% macro parse_sf_datetime(column) -%}
    {{ return(adapter.dispatch('parse_sf_datetime', 'onstrategy')(column)) }}
{%- endmacro %}
{% macro default__parse_sf_datetime(column) -%}
    {{ dbt.safe_cast("replace(substr(trim(" ~ column ~ "), 1, 19), 'T', ' ')", api.Column.translate_type("timestamp")) }}
{%- endmacro %}

{#- Case-insensitive regular-expression match (patterns are RE2/Java compatible). -#}
{% macro regex_matches_ci(value, pattern) -%}
    {{ return(adapter.dispatch('regex_matches_ci', 'onstrategy')(value, pattern)) }}
{%- endmacro %}
{% macro default__regex_matches_ci(value, pattern) -%}
    regexp_matches({{ value }}, {{ pattern }}, 'i')
{%- endmacro %}
{% macro spark__regex_matches_ci(value, pattern) -%}
    ({{ value }} rlike concat('(?i)', {{ pattern }}))
{%- endmacro %}

{#- Whether the whole text matches a regular expression (case-sensitive). -#}
{% macro regex_full_match(value, pattern) -%}
    {{ return(adapter.dispatch('regex_full_match', 'onstrategy')(value, pattern)) }}
{%- endmacro %}
{% macro default__regex_full_match(value, pattern) -%}
    regexp_full_match({{ value }}, {{ pattern }})
{%- endmacro %}
{% macro spark__regex_full_match(value, pattern) -%}
    ({{ value }} rlike concat('^(?:', {{ pattern }}, ')$'))
{%- endmacro %}

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
    paths in one parse (scale 100 Stripe invoices, 7 fields: 26.3 s with a parse per field, 7.4 s); on Spark the
    column is the document itself and each field is read from it. -#}
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
    one JSON text per element that is parsed again (stg_stripe__invoice_lines at demo scale 100, 5.4 M lines:
    6.5 s -> 4.4 s alone); Spark explodes the elements as JSON text and reads each field from it (its from_json
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

{#- A date from Unix seconds, in UTC. -#}
{% macro unix_seconds_to_date(column) -%}
    {{ return(adapter.dispatch('unix_seconds_to_date', 'onstrategy')(column)) }}
{%- endmacro %}
{% macro default__unix_seconds_to_date(column) -%}
    cast(to_timestamp({{ dbt.safe_cast(column, onstrategy.type_bigint()) }}) at time zone 'UTC' as date)
{%- endmacro %}
{% macro spark__unix_seconds_to_date(column) -%}
    {#- whole UTC days since 1970-01-01: independent of the session time zone -#}
    date_from_unix_date(cast(floor({{ dbt.safe_cast(column, onstrategy.type_bigint()) }} / 86400) as int))
{%- endmacro %}
{% macro spark__parse_sf_datetime(column) -%}
    {#- Spark parses the offset too; the result is the wall-clock time in the session time zone, which the spark
        target sets to UTC (profiles.yml: spark.sql.session.timeZone). -#}
    try_cast(trim({{ column }}) as timestamp)
{%- endmacro %}
{% macro duckdb__parse_sf_datetime(column) -%}
    {#- DuckDB parses the offset (+0000, Z or any other) itself; the result is the UTC wall-clock time. -#}
    cast(try_cast(trim({{ column }}) as timestamptz) at time zone 'UTC' as timestamp)
{%- endmacro %}

{#- dbt's safe_cast on DuckDB is a plain cast, which fails the whole model on one bad value; try_cast gives NULL,
    which the quarantine models then report. Used through `dispatch` (dbt_project.yml: our macros first). -#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
{#- Spark: dbt-spark's is a plain cast, NULL on a bad value only while ANSI mode is off; try_cast is NULL either way. -#}
{% macro spark__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}

{#- dbt.listagg on Spark ignores the order (collect_list order is not defined): sort (order key, value) pairs
    instead. Supports `order by <expression> [asc|desc]`, which is all the models use. -#}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if order_by_clause -%}
        {%- set words = (order_by_clause | trim).split() -%}
        {%- set descending = (words[-1] | lower) == "desc" -%}
        {%- set key_words = words[2:-1] if (words[-1] | lower) in ("asc", "desc") else words[2:] -%}
        {%- set pairs = "array_sort(collect_list(named_struct('k', " ~ (key_words | join(" ")) ~ ", 'v', "
                        ~ measure ~ ")))" -%}
        {%- set values = "transform(" ~ ("reverse(" ~ pairs ~ ")" if descending else pairs) ~ ", p -> p.v)" -%}
    {%- else -%}
        {%- set values = "collect_list(" ~ measure ~ ")" -%}
    {%- endif -%}
    {%- if limit_num -%}{%- set values = "slice(" ~ values ~ ", 1, " ~ limit_num ~ ")" -%}{%- endif -%}
    array_join({{ values }}, {{ delimiter_text }})
{%- endmacro %}

{#- A sum that does not depend on the order rows arrive in: floating-point addition is not associative, so a
    parallel engine sums doubles in a different order on every run and the last digit wobbles. Summing as a wide
    decimal is exact (values are rounded to 12 decimals first, per row, which is deterministic), so the same inputs
    always give the same bytes. `over` is an optional window clause. -#}
{% macro exact_sum(expression, over='') -%}
    cast({{ onstrategy.exact_decimal_sum(expression) }} {{ over }} as {{ onstrategy.type_double() }})
{%- endmacro %}

{#- exact_sum before its cast to a double: for a partial sum that another exact_sum adds up (the total is then the
    same bytes as one exact_sum over all rows). -#}
{% macro exact_decimal_sum(expression) -%}
    sum(cast({{ expression }} as decimal(38, 12)))
{%- endmacro %}
