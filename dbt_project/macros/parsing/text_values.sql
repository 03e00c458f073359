{#- Values as exports write them (text), parsed: booleans, numbers, dates, datetimes, Unix timestamps, web and email
    domains, regular expressions. Salesforce and Stripe staging and quarantine both read through these. -#}

{#- Salesforce booleans: true/false in any case, or 1/0; anything else is NULL. -#}
{% macro parse_boolean(column) -%}
    case when lower(trim({{ column }})) in ('true', '1') then true
         when lower(trim({{ column }})) in ('false', '0') then false end
{%- endmacro %}

{% macro parse_double(column) -%}
    {{ dbt.safe_cast(column, onstrategy.type_double()) }}
{%- endmacro %}

{% macro parse_bigint(column) -%}
    {{ onstrategy.double_to_bigint(onstrategy.parse_double(column)) }}
{%- endmacro %}

{#- A Salesforce date (YYYY-MM-DD); a datetime value keeps its date part. -#}
{% macro parse_date(column) -%}
    {{ dbt.safe_cast("substr(trim(" ~ column ~ "), 1, 10)", api.Column.translate_type("date")) }}
{%- endmacro %}

{#- A Salesforce datetime (2026-03-01T09:30:00.000+0000 or ...Z, always UTC in exports) as a timestamp. -#}
{% macro parse_datetime(column) -%}
    {{ return(adapter.dispatch('parse_datetime', 'onstrategy')(column)) }}
{%- endmacro %}

{% macro default__parse_datetime(column) -%}
    {{ dbt.safe_cast("replace(substr(trim(" ~ column ~ "), 1, 19), 'T', ' ')", api.Column.translate_type("timestamp")) }}
{%- endmacro %}

{% macro spark__parse_datetime(column) -%}
    {#- Spark parses the offset too; the result is the wall-clock time in the session time zone, which the spark
        target sets to UTC (profiles.yml: spark.sql.session.timeZone). -#}
    try_cast(trim({{ column }}) as timestamp)
{%- endmacro %}

{% macro duckdb__parse_datetime(column) -%}
    {#- DuckDB parses the offset (+0000, Z or any other) itself; the result is the UTC wall-clock time. -#}
    cast(try_cast(trim({{ column }}) as timestamptz) at time zone 'UTC' as timestamp)
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

{#- A web address or email reduced to its domain: lower case, scheme, `www.` and path removed. -#}
{% macro website_domain(column) -%}
    nullif({{ dbt.split_part(
        "regexp_replace(regexp_replace(lower(trim(" ~ column ~ ")), '^[a-z][a-z0-9+.-]*://', ''), '^www[.]', '')",
        "'/'", 1) }}, '')
{%- endmacro %}

{% macro email_domain(column) -%}
    {{ onstrategy.website_domain(dbt.split_part("lower(trim(" ~ column ~ "))", "'@'", 2)) }}
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
