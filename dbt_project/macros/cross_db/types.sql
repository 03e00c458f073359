{#- Types and exact arithmetic across engines, behind adapter.dispatch: models name types and sums through these. -#}

{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'onstrategy')()) }}
{%- endmacro %}

{% macro default__type_double() -%}double{%- endmacro %}

{% macro type_bigint() -%}
    {{ return(adapter.dispatch('type_bigint', 'onstrategy')()) }}
{%- endmacro %}

{% macro default__type_bigint() -%}bigint{%- endmacro %}

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

{#- The p-th percentile (0..1) of `value` in the group, interpolated between neighbours (continuous), as an
    aggregate. -#}
{% macro percentile_cont(value, fraction) -%}
    {{ return(adapter.dispatch('percentile_cont', 'onstrategy')(value, fraction)) }}
{%- endmacro %}

{% macro default__percentile_cont(value, fraction) -%}
    quantile_cont({{ value }}, {{ fraction }})
{%- endmacro %}

{#- Spark's percentile() is exact and interpolates as percentile_cont does. -#}
{% macro spark__percentile_cont(value, fraction) -%}
    percentile({{ value }}, {{ fraction }})
{%- endmacro %}
