{#-
  Row-level validation of raw records (SPEC "Bad records never vanish silently and never stop the good ones").

  A quarantine model selects the raw records that cannot be used, each with the first reason that applies; the
  staging model of the same object reads the raw records minus those (latest_records(..., quarantine=...)), and
  audit.load_reconciliation proves that every record read is loaded, quarantined, superseded or deleted.
-#}

{#- A field that holds a value (the loader keeps empty fields as NULL; blanks count as empty too). -#}
{% macro is_present(column) -%}
    ({{ column }} is not null and trim({{ column }}) <> '')
{%- endmacro %}

{#- A number that does not parse, or parses to NaN or an infinity (`NaN` and `Infinity` are numbers to a parser,
    not amounts). -#}
{% macro unparseable_number(column) -%}
    ({{ onstrategy.is_present(column) }} and ({{ onstrategy.parse_double(column) }} is null
        or not {{ onstrategy.is_finite(onstrategy.parse_double(column)) }}))
{%- endmacro %}

{% macro unparseable_date(column) -%}
    ({{ onstrategy.is_present(column) }} and {{ onstrategy.parse_date(column) }} is null)
{%- endmacro %}

{% macro unparseable_datetime(column) -%}
    ({{ onstrategy.is_present(column) }} and {{ onstrategy.parse_datetime(column) }} is null)
{%- endmacro %}

{% macro unparseable_boolean(column) -%}
    ({{ onstrategy.is_present(column) }} and {{ onstrategy.parse_boolean(column) }} is null)
{%- endmacro %}

{#- A reference that names a record the export does not hold (an empty reference is not an orphan). -#}
{% macro is_orphan(column, parent_alias) -%}
    ({{ onstrategy.is_present(column) }} and {{ parent_alias }}.Id is null)
{%- endmacro %}

{#- The check that `field` names a usable record of its parent, the object `object_name` of source `source_name`
    less its quarantine (quarantine_<source>__<object>): a (reason, field, condition, joins) check whose join
    quarantine_records adds. -#}
{% macro orphan_check(reason, field, source_name, object_name) -%}
    {%- set parents = 'usable_' ~ field | lower -%}
    {%- set usable = onstrategy.usable_ids(source(source_name, object_name),
                                           ref('quarantine_' ~ source_name ~ '__' ~ object_name)) -%}
    {%- set join = 'left join (' ~ usable ~ ') as ' ~ parents ~ ' on ' ~ parents ~ '.Id = raw_records.' ~ field -%}
    {{ return((reason, field, onstrategy.is_orphan('raw_records.' ~ field, parents), [join])) }}
{%- endmacro %}

{#- The project's settings (one row) beside every record: the join of a check that reads the reporting currency. -#}
{% macro settings_join() -%}
    {{ return('cross join ' ~ ref('stg_strategy__settings') ~ ' as settings') }}
{%- endmacro %}

{#- The joins the checks carry (a check's optional fourth element), each once, in the order the checks name them. -#}
{% macro check_joins(checks) -%}
    {%- set joins = [] -%}
    {%- for check in checks if check | length > 3 -%}
        {%- for join in check[3] if join not in joins -%}{%- do joins.append(join) -%}{%- endfor -%}
    {%- endfor -%}
    {{ return(joins) }}
{%- endmacro %}

{#- The currency checks of a Salesforce record: a currency with no rate at all, then, for each (date field,
    condition) of `dates`, no rate on that date where the condition holds (none: always). An empty currency is
    the reporting currency. -#}
{% macro salesforce_currency_checks(relation, dates) -%}
    {%- set currency = "coalesce(nullif(upper(trim(raw_records.CurrencyIsoCode)), ''), settings.reporting_currency)" -%}
    {%- set foreign_currency = currency ~ " <> settings.reporting_currency" -%}
    {%- set rates = ref('stg_salesforce__fx_rates') -%}
    {%- set checks = [('unknown_currency', 'CurrencyIsoCode',
                       foreign_currency ~ " and known_currencies.currency is null",
                       [onstrategy.settings_join(),
                        'left join (select distinct currency from ' ~ rates ~ ') as known_currencies'
                        ~ ' on known_currencies.currency = ' ~ currency])] -%}
    {%- for date_field, condition in dates -%}
        {%- set rated = 'rate_at_' ~ date_field | lower -%}
        {%- do checks.append(('missing_fx_rate', date_field,
            foreign_currency ~ (" and " ~ condition if condition else "") ~ " and " ~ rated ~ "._source_line is null",
            [onstrategy.settings_join(),
             'left join ' ~ onstrategy.records_with_fx_rate(relation, rates, 'CurrencyIsoCode', date_field) ~ ' as '
             ~ rated ~ ' on ' ~ onstrategy.same_record(rated, 'raw_records')])) -%}
    {%- endfor -%}
    {{ return(checks) }}
{%- endmacro %}

{#- The join condition of two aliases of one raw record. -#}
{% macro same_record(left, right) -%}
    {{ left }}._source_file = {{ right }}._source_file and {{ left }}._source_line = {{ right }}._source_line
{%- endmacro %}

{#- `case` over (reason, field, condition) checks: the first condition that holds gives the reason (part=0) or
    the field it concerns (part=1); NULL when every check passes. -#}
{% macro first_failed_check(checks, part=0) -%}
    case
    {%- for check in checks %}
        when {{ check[2] }} then {{ "'" ~ check[part] ~ "'" if check[part] else 'null' }}
    {%- endfor %}
    end
{%- endmacro %}

{#- Ids of a parent object that can be referenced: every exported version that was not quarantined. -#}
{% macro usable_ids(relation, quarantine) -%}
    select distinct parent_records.Id
    from {{ relation }} as parent_records
    where not exists (
        select 1 from {{ quarantine }} as quarantined
        where {{ onstrategy.same_record('quarantined', 'parent_records') }}
    )
{%- endmacro %}

{#- (file, line) of records whose Id appears more than once in one batch file with different content. -#}
{#- `records`: the rows to judge, when not all of `relation` (a subquery over it). -#}
{% macro conflicting_duplicates(relation, key='Id', records=none) -%}
    {%- set content_columns = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- if not column.name.startswith('_') -%}
                {%- set value = "records." ~ adapter.quote(column.name) -%}
                {%- if not column.is_string() -%}
                    {#- a derived flag (base_stripe__invoices.lines_is_array): Spark does not join a boolean as text -#}
                    {%- set value = dbt.cast(value, api.Column.translate_type("string")) -%}
                {%- endif -%}
                {%- do content_columns.append("coalesce(" ~ value ~ ", '<null>')") -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if not content_columns -%}{%- do content_columns.append("''") -%}{%- endif -%}
    {%- set content = content_columns | join(" || '|' || ") -%}
    with repeated_keys as (
        select {{ key }} as record_key, _source_file
        from {{ records or relation }} as records
        where {{ onstrategy.is_present(key) }}
        group by {{ key }}, _source_file
        having count(*) > 1
    ),

    record_contents as (
        {#- only the repeated keys' records: joining every column into one text for all of them cost most of a
            quarantine model's time (docs/decisions.md, "Conflicting duplicates") -#}
        select
            records.{{ key }} as record_key, records._source_file, records._source_line,
            {{ content }} as record_content
        from {{ records or relation }} as records
        inner join repeated_keys
            on repeated_keys.record_key = records.{{ key }}
            and repeated_keys._source_file = records._source_file
    ),

    conflicting_keys as (
        select record_key, _source_file
        from record_contents
        group by record_key, _source_file
        having count(distinct record_content) > 1
    )

    select record_contents._source_file, record_contents._source_line
    from record_contents
    inner join conflicting_keys
        on conflicting_keys.record_key = record_contents.record_key
        and conflicting_keys._source_file = record_contents._source_file
{%- endmacro %}

{#-
  The quarantine of one object: its raw records that fail a check, with the reason and the field at fault.
  `checks` are (reason, field, condition) triples over `raw_records`, in order of precedence, or (reason, field,
  condition, joins) where the condition reads the aliases of joins the check brings (orphan_check); a missing Id
  and a conflicting duplicate within a batch are checked first for every keyed object.
  `record_filter`: a condition on the raw columns that limits the records judged (an incremental run's new batches).
  `leading_checks` come before the key checks (a Stripe line that is not JSON has no id to check).
  `documents`, `document_columns`: columns of the output that `relation` does not hold (a Stripe line's JSON), read
  from the raw table `documents` for the quarantined records only, by `_source_file` and `_source_line`. A
  correlated subquery, not a join: DuckDB cannot estimate how few records fail, so a join built its hash table from
  every raw document (docs/decisions.md, "Stripe documents stay in the raw tables"); `max` only because Spark wants
  a correlated scalar subquery aggregated (one line per file and line).
-#}
{% macro quarantine_records(relation, checks, key='Id', record_filter=none, leading_checks=[],
                            columns=none, documents=none, document_columns=[]) -%}
    {%- set records = "(select * from " ~ relation ~ " where " ~ record_filter ~ ")" if record_filter else relation -%}
    {%- set no_conflicts = "select cast(null as " ~ dbt.type_string() ~ ") as _source_file, "
                           ~ "cast(null as bigint) as _source_line where 1 = 0" %}
    with conflicting_records as (
        {{ onstrategy.conflicting_duplicates(relation, key, records) if key else no_conflicts }}
    ),

    checked_records as (
        {%- set key_checks = [('missing_id', key, 'not ' ~ onstrategy.is_present('raw_records.' ~ key)),
                              ('conflicting_duplicate', key, 'conflicting_records._source_line is not null')] %}
        {%- set all_checks = leading_checks + (key_checks if key else []) + checks %}
        select
            raw_records.*,
            {{ onstrategy.first_failed_check(all_checks, 0) }} as reason,
            {{ onstrategy.first_failed_check(all_checks, 1) }} as reason_field
        from {{ records }} as raw_records
        left join conflicting_records on {{ onstrategy.same_record('conflicting_records', 'raw_records') }}
        {%- for join in onstrategy.check_joins(all_checks) %}
        {{ join }}
        {%- endfor %}
    )

    {%- if columns %}
    select
        {%- for column in columns + ['reason', 'reason_field'] %}
        {%- if column in document_columns %}
        (select max(documents.{{ column }}) from {{ documents }} as documents
         where documents._source_file = checked_records._source_file
           and documents._source_line = checked_records._source_line) as {{ column }}
        {%- else %}
        checked_records.{{ column }}
        {%- endif %}{{ ',' if not loop.last }}
        {%- endfor %}
    {%- else %}
    select *
    {%- endif %}
    from checked_records
    where checked_records.reason is not null
{%- endmacro %}

{#- The type checks of a Salesforce object's typed fields, from the input contract (contract_fields, generated from
    onstrategy/ingest/contracts.py): (reason, field, condition) triples for quarantine_records. Every field's parse
    check comes first, in contract order, then the range checks: an event date must fall inside the fiscal
    calendar (or it could not be given a quarter), a number inside its plausible range. -#}
{% macro contract_checks(object_name) -%}
    {%- set parse_checks = [] -%}
    {%- set range_checks = [] -%}
    {%- for field, parser, minimum, maximum in onstrategy.contract_fields(object_name) -%}
        {%- set column = 'raw_records.' ~ field -%}
        {%- do parse_checks.append((
            'unparseable_' ~ ('date' if parser == 'datetime' else parser), field,
            onstrategy.unparseable_datetime(column) if parser == 'datetime' else
            onstrategy.unparseable_date(column) if parser == 'date' else
            onstrategy.unparseable_number(column) if parser == 'number' else
            onstrategy.unparseable_boolean(column))) -%}
        {%- if minimum is not none or maximum is not none -%}
            {%- if parser in ('date', 'datetime') -%}
                {%- set value = onstrategy.parse_date(column) -%}
                {%- set bounds = ["cast('" ~ minimum ~ "' as date)", "cast('" ~ maximum ~ "' as date)"] -%}
                {%- set reason = 'date_out_of_range' -%}
            {%- else -%}
                {%- set value = onstrategy.parse_double(column) -%}
                {%- set bounds = [minimum, maximum] -%}
                {%- set reason = 'number_out_of_range' -%}
            {%- endif -%}
            {%- set outside = [] -%}
            {%- if minimum is not none %}{% do outside.append(value ~ ' < ' ~ bounds[0]) %}{% endif -%}
            {%- if maximum is not none %}{% do outside.append(value ~ ' > ' ~ bounds[1]) %}{% endif -%}
            {%- do range_checks.append((reason, field, '(' ~ outside | join(' or ') ~ ')')) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(parse_checks + range_checks) }}
{%- endmacro %}

{#- A typed number field of a quarantined record (`alias`.`field`) where it can be read: finite and inside the
    contract's plausible range of the field; NULL otherwise (what the quarantine would call unparseable or out of
    range). -#}
{% macro plausible_number(object_name, field, alias) -%}
    {%- set bounds = [] -%}
    {%- for name, parser, minimum, maximum in onstrategy.contract_fields(object_name) if name == field -%}
        {%- do bounds.extend([minimum, maximum]) -%}
    {%- endfor -%}
    {%- if bounds | length != 2 or none in bounds -%}
        {{ exceptions.raise_compiler_error("plausible_number: " ~ object_name ~ "." ~ field
                                           ~ " has no range in the input contract") }}
    {%- endif -%}
    {%- set value = onstrategy.parse_double(alias ~ '.' ~ field) -%}
    case
        when {{ onstrategy.is_finite(value) }} and {{ value }} between {{ bounds[0] }} and {{ bounds[1] }}
            then {{ value }}
    end
{%- endmacro %}

{#- (file, line) of the raw records of `relation` that have a conversion rate in `rates` (stg_salesforce__fx_rates)
    for their currency on their date. The currency and date are Salesforce fields (`currency_field`, `date_field`:
    text as read), or expressions over the alias `records` (`currency_sql`, `date_sql`: a Stripe field, a Unix
    timestamp). -#}
{% macro records_with_fx_rate(relation, rates, currency_field=none, date_field=none, currency_sql=none,
                              date_sql=none) -%}
    {%- set currency = currency_sql or "upper(trim(records." ~ currency_field ~ "))" -%}
    {%- set record_date = date_sql or onstrategy.parse_date('records.' ~ date_field) -%}
    (select records._source_file, records._source_line
     from {{ relation }} as records
     inner join {{ rates }} as rates
         on rates.currency = {{ currency }}
         and rates.start_date <= {{ record_date }}
         and {{ record_date }} < rates.next_start_date
     group by records._source_file, records._source_line)
{%- endmacro %}
