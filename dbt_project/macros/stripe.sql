{#- The raw lines of one Stripe object with the JSON fields the project reads taken out once: the object's quarantine,
    its staging model and the load reconciliation read these columns instead of parsing each JSON document again
    for every field and every check (the JSON parse dominated the build at scale). `fields` are (column, JSON path)
    pairs read as text; every object also gets `created`, `livemode` and `deleted`. `array_fields` are (column, JSON
    path) pairs read as whether the value is a JSON array (NULL when absent), for shape checks: its text starts with
    `[` and it has a first element (or is `[]`), since a JSON string holding an array's text reads as the same text
    but has no elements. A line that is not JSON has NULL fields and `_is_valid_json` false (a line with an id
    parsed at ingest, so only id-less lines are checked).
    The JSON document itself stays in the raw table (`stripe_documents`): writing it again cost more than parsing
    it (base_stripe__invoices at demo scale 100: 15.9 s with it, 3.1 s without). -#}
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

{#- A Stripe amount in minor units as major units, by the currency's exponent in seeds/currency_decimals.csv
    (the caller joins that seed as `decimals`); NULL for a currency not listed. -#}
{% macro from_minor_units(amount) -%}
    {{ onstrategy.sf_double(amount) }} / power(10, decimals.decimals)
{%- endmacro %}

{#-
  Row-level validation of Stripe objects (SPEC "Bad records never vanish silently"): the lines of one object that
  cannot be used, with the reason and the field, like the Salesforce quarantine models (macros/quarantine.sql).
  A line that is not JSON is quarantined first (`invalid_json`); field checks read the JSON only of valid lines.
-#}

{#- A field of the object's base_stripe__ model (NULL when the line is not valid JSON). -#}
{% macro stripe_field(field, alias='raw_records') -%}
    {{ alias }}.{{ field }}
{%- endmacro %}

{#- Unix-seconds timestamp fields that do not hold a number. -#}
{% macro stripe_timestamp_checks(fields) -%}
    {%- set checks = [] -%}
    {%- for field in fields -%}
        {%- set value = onstrategy.stripe_field(field) -%}
        {%- do checks.append(('unparseable_date', field, onstrategy.is_present(value) ~ " and "
                              ~ onstrategy.sf_double(value) ~ " is null")) -%}
    {%- endfor -%}
    {{ return(checks) }}
{%- endmacro %}

{#- A currency that cannot be converted: not in seeds/currency_decimals.csv (minor units), or neither the
    reporting currency nor one with conversion rates. Needs `stripe_currency_joins()`. -#}
{% macro stripe_currency_check() -%}
    {%- set currency = "upper(" ~ onstrategy.stripe_field('currency') ~ ")" -%}
    {{ return(('unknown_currency', 'currency', onstrategy.is_present(currency)
               ~ " and (currency_decimals.currency is null or (" ~ currency ~ " <> settings.reporting_currency"
               ~ " and known_currencies.currency is null))")) }}
{%- endmacro %}

{% macro stripe_currency_joins() -%}
    {%- set currency = "upper(" ~ onstrategy.stripe_field('currency') ~ ")" -%}
    cross join (select reporting_currency from {{ source('strategy', 'strategy_settings') }}) as settings
    left join {{ ref('currency_decimals') }} as currency_decimals on currency_decimals.currency = {{ currency }}
    left join (select distinct currency from {{ ref('int_fx_rates') }}) as known_currencies
        on known_currencies.currency = {{ currency }}
{%- endmacro %}

{#- A reference to another Stripe object (`parent`, e.g. customers) that the export does not hold. -#}
{% macro stripe_orphan_check(reason, field, parent) -%}
    {{ return((reason, field, onstrategy.is_orphan(onstrategy.stripe_field(field), parent ~ '_ids'))) }}
{%- endmacro %}

{% macro stripe_parent_join(field, parent) -%}
    left join ({{ onstrategy.usable_ids(source('stripe', parent), ref('quarantine_stripe__' ~ parent)) }}) as {{ parent }}_ids
        on {{ parent }}_ids.Id = {{ onstrategy.stripe_field(field) }}
{%- endmacro %}

{#- The quarantine of one Stripe object: not JSON, no id, a conflicting duplicate in a batch, then `checks`. The
    checks read the fields of its base_stripe__ model; the quarantined lines keep the raw columns only, their JSON
    read back from the raw table. -#}
{% macro quarantine_stripe_objects(object_name, checks=[], joins='') -%}
    {{ onstrategy.quarantine_records(
        ref('base_stripe__' ~ object_name), checks, joins=joins, key='id',
        leading_checks=[('invalid_json', 'object_json', 'not raw_records._is_valid_json')],
        columns=['id', 'object_json', '_source_file', '_source_line', '_batch_rank'],
        documents=source('stripe', object_name), document_columns=['object_json']
    ) }}
{%- endmacro %}

{#- Stripe amounts and quantities are whole numbers: one that is not (text, a fraction, NaN), or is beyond any real
    value, would fail an exact sum or a decimal conversion in a mart, so its object is quarantined instead.
    `whole_number_checks(value, field, minimum, maximum)`: (reason, field, condition) checks of a text expression;
    `element_checks(list_field, field, minimum, maximum)`: the same for every element of a list field of the base
    model (an invoice's line amounts), any bad element quarantining the object. -#}
{% macro whole_number_problems(value, minimum, maximum) -%}
    {%- set number = onstrategy.sf_double(value) -%}
    {{ return({
        'unparseable_number': onstrategy.is_present(value) ~ " and (" ~ number ~ " is null or not "
                              ~ onstrategy.is_finite(number) ~ " or " ~ number ~ " <> round(" ~ number ~ ", 0))",
        'number_out_of_range': "(" ~ number ~ " < " ~ minimum ~ " or " ~ number ~ " > " ~ maximum ~ ")",
    }) }}
{%- endmacro %}

{% macro whole_number_checks(value, field, minimum, maximum) -%}
    {%- set checks = [] -%}
    {%- for reason, condition in onstrategy.whole_number_problems(value, minimum, maximum).items() -%}
        {%- do checks.append((reason, field, condition)) -%}
    {%- endfor -%}
    {{ return(checks) }}
{%- endmacro %}

{% macro element_checks(list_field, field, minimum, maximum) -%}
    {%- set checks = [] -%}
    {%- for reason, condition in onstrategy.whole_number_problems('element_text', minimum, maximum).items() -%}
        {%- do checks.append((reason, field, onstrategy.any_element(onstrategy.stripe_field(list_field),
                                                                    'element_text', condition))) -%}
    {%- endfor -%}
    {{ return(checks) }}
{%- endmacro %}

{#- The plausible range of a Stripe amount in minor units, and of a quantity. -#}
{% macro stripe_amount_range() -%}{{ return((-1000000000000000, 1000000000000000)) }}{%- endmacro %}
{% macro stripe_quantity_range() -%}{{ return((0, 1000000000)) }}{%- endmacro %}

{#- An invoice whose `lines.data` is there but is not a JSON array: its lines could not be read, so its billed
    revenue would go missing without a word. Needs base_stripe__invoices' `lines_is_array`. -#}
{% macro stripe_lines_check() -%}
    {{ return(('malformed_lines', 'lines.data', "not " ~ onstrategy.stripe_field('lines_is_array'))) }}
{%- endmacro %}

{#- Paid invoices in a foreign currency with no conversion rate on their `created` date (billed revenue could not
    be converted). Needs `stripe_currency_joins()`. -#}
{% macro stripe_missing_fx_rate_check() -%}
    {%- set currency = "upper(" ~ onstrategy.stripe_field('currency') ~ ")" -%}
    {{ return(('missing_fx_rate', 'created', onstrategy.stripe_field('status') ~ " = 'paid' and "
               ~ currency ~ " <> settings.reporting_currency and rate_at_invoice._source_line is null")) }}
{%- endmacro %}

{% macro stripe_fx_rate_join(relation) -%}
    left join {{ onstrategy.records_with_fx_rate(
        relation,
        currency_sql="upper(" ~ onstrategy.stripe_field('currency', 'records') ~ ")",
        date_sql=onstrategy.unix_seconds_to_date(onstrategy.stripe_field('created', 'records'))) }} as rate_at_invoice
        on rate_at_invoice._source_file = raw_records._source_file
        and rate_at_invoice._source_line = raw_records._source_line
{%- endmacro %}
