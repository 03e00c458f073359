{#- Every usable copy of every Stripe object, ranked newest first per id (later batch file, then later line);
    the object's quarantined lines take no part. -#}
{% macro stripe_object_versions(relation, quarantine) -%}
    select
        raw_objects.*,
        row_number() over (partition by id order by _batch_rank desc, _source_line desc) as _version_rank
    from {{ relation }} as raw_objects
    where id is not null
      and not exists (
          select 1 from {{ quarantine }} as quarantined
          where quarantined._source_file = raw_objects._source_file
            and quarantined._source_line = raw_objects._source_line
      )
{%- endmacro %}

{% macro is_stripe_test_mode() -%}
    coalesce({{ onstrategy.json_str('object_json', '$.livemode') }}, 'true') <> 'true'
{%- endmacro %}

{% macro is_stripe_deleted() -%}
    coalesce({{ onstrategy.json_str('object_json', '$.deleted') }}, 'false') <> 'false'
{%- endmacro %}

{#- Stripe objects: the latest copy of each id, live-mode and not deleted. -#}
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

{#- A field of the raw object, NULL when the line is not valid JSON (so a check never parses a broken line). -#}
{% macro stripe_field(path, alias='raw_records') -%}
    {{ onstrategy.json_str("case when " ~ onstrategy.json_is_valid(alias ~ '.object_json')
                           ~ " then " ~ alias ~ ".object_json end", path) }}
{%- endmacro %}

{#- Unix-seconds timestamp fields that do not hold a number. -#}
{% macro stripe_timestamp_checks(fields) -%}
    {%- set checks = [] -%}
    {%- for field in fields -%}
        {%- set value = onstrategy.stripe_field('$.' ~ field) -%}
        {%- do checks.append(('unparseable_date', field, onstrategy.is_present(value) ~ " and "
                              ~ onstrategy.sf_double(value) ~ " is null")) -%}
    {%- endfor -%}
    {{ return(checks) }}
{%- endmacro %}

{#- A currency that cannot be converted: not in seeds/currency_decimals.csv (minor units), or neither the
    reporting currency nor one with conversion rates. Needs `stripe_currency_joins()`. -#}
{% macro stripe_currency_check() -%}
    {%- set currency = "upper(" ~ onstrategy.stripe_field('$.currency') ~ ")" -%}
    {{ return(('unknown_currency', 'currency', onstrategy.is_present(currency)
               ~ " and (currency_decimals.currency is null or (" ~ currency ~ " <> settings.reporting_currency"
               ~ " and known_currencies.currency is null))")) }}
{%- endmacro %}

{% macro stripe_currency_joins() -%}
    {%- set currency = "upper(" ~ onstrategy.stripe_field('$.currency') ~ ")" -%}
    cross join (select reporting_currency from {{ source('strategy', 'strategy_settings') }}) as settings
    left join {{ ref('currency_decimals') }} as currency_decimals on currency_decimals.currency = {{ currency }}
    left join (select distinct currency from {{ ref('int_fx_rates') }}) as known_currencies
        on known_currencies.currency = {{ currency }}
{%- endmacro %}

{#- A reference to another Stripe object (`parent`, e.g. customers) that the export does not hold. -#}
{% macro stripe_orphan_check(reason, field, parent) -%}
    {{ return((reason, field, onstrategy.is_orphan(onstrategy.stripe_field('$.' ~ field), parent ~ '_ids'))) }}
{%- endmacro %}

{% macro stripe_parent_join(field, parent) -%}
    left join ({{ onstrategy.usable_ids(source('stripe', parent), ref('quarantine_stripe__' ~ parent)) }}) as {{ parent }}_ids
        on {{ parent }}_ids.Id = {{ onstrategy.stripe_field('$.' ~ field) }}
{%- endmacro %}

{#- The quarantine of one Stripe object: not JSON, no id, a conflicting duplicate in a batch, then `checks`. -#}
{% macro quarantine_stripe_objects(object_name, checks=[], joins='') -%}
    {{ onstrategy.quarantine_records(
        source('stripe', object_name), checks, joins=joins, key='id',
        leading_checks=[('invalid_json', 'object_json', 'not ' ~ onstrategy.json_is_valid('raw_records.object_json'))]
    ) }}
{%- endmacro %}

{#- Paid invoices in a foreign currency with no conversion rate on their `created` date (billed revenue could not
    be converted). Needs `stripe_currency_joins()`. -#}
{% macro stripe_missing_fx_rate_check() -%}
    {%- set currency = "upper(" ~ onstrategy.stripe_field('$.currency') ~ ")" -%}
    {{ return(('missing_fx_rate', 'created', onstrategy.stripe_field('$.status') ~ " = 'paid' and "
               ~ currency ~ " <> settings.reporting_currency and rate_at_invoice._source_line is null")) }}
{%- endmacro %}

{% macro stripe_fx_rate_join(relation) -%}
    left join {{ onstrategy.records_with_fx_rate(
        relation,
        currency_sql="upper(" ~ onstrategy.stripe_field('$.currency', 'records') ~ ")",
        date_sql=onstrategy.unix_seconds_to_date(onstrategy.stripe_field('$.created', 'records'))) }} as rate_at_invoice
        on rate_at_invoice._source_file = raw_records._source_file
        and rate_at_invoice._source_line = raw_records._source_line
{%- endmacro %}
