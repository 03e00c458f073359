{#- Every copy of every Stripe object, ranked newest first per id (later batch file, then later line). -#}
{% macro stripe_object_versions(relation) -%}
    select
        raw_objects.*,
        row_number() over (partition by id order by _batch_rank desc, _source_line desc) as _version_rank
    from {{ relation }} as raw_objects
    where id is not null
{%- endmacro %}

{% macro is_stripe_test_mode() -%}
    coalesce({{ onstrategy.json_str('object_json', '$.livemode') }}, 'true') <> 'true'
{%- endmacro %}

{% macro is_stripe_deleted() -%}
    coalesce({{ onstrategy.json_str('object_json', '$.deleted') }}, 'false') <> 'false'
{%- endmacro %}

{#- Stripe objects: the latest copy of each id, live-mode and not deleted. -#}
{% macro latest_stripe_objects(relation) -%}
    select *
    from ({{ onstrategy.stripe_object_versions(relation) }}) as versions
    where _version_rank = 1
      and not {{ onstrategy.is_stripe_test_mode() }}
      and not {{ onstrategy.is_stripe_deleted() }}
{%- endmacro %}

{#- A Stripe amount in minor units as major units, by the currency's exponent in seeds/currency_decimals.csv
    (the caller joins that seed as `decimals`); NULL for a currency not listed. -#}
{% macro from_minor_units(amount) -%}
    {{ onstrategy.sf_double(amount) }} / power(10, decimals.decimals)
{%- endmacro %}
