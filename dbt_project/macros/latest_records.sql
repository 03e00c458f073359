{#-
  The upsert rule of the input contract: per Id, the record with the highest SystemModstamp wins (ties: the later
  batch file, then the later line); a winning record with IsDeleted = true removes the Id.
-#}
{% macro latest_records(relation, key='Id', has_is_deleted=true) -%}
    select *
    from (
        select
            raw_records.*,
            row_number() over (
                partition by {{ key }}
                order by {{ onstrategy.parse_sf_datetime('SystemModstamp') }} desc nulls last,
                         _batch_rank desc, _source_line desc
            ) as _version_rank
        from {{ relation }} as raw_records
        where {{ key }} is not null
    ) as versions
    where _version_rank = 1
    {%- if has_is_deleted %}
      and coalesce({{ onstrategy.sf_bool('IsDeleted') }}, false) = false
    {%- endif %}
{%- endmacro %}
