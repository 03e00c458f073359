{#- The users of `users` (user_id, manager_id) with their managers `manager_1` (direct) .. `manager_<depth>`, one
    self-join per level, and `is_chain_cut` when the chain goes on beyond `depth` levels. A manager already in the
    chain (a loop in the ManagerId data) ends it: a level never repeats the user or an earlier level. -#}
{% macro management_levels(users, depth) -%}
    select
        level_0.user_id as rep_id,
        {%- for level in range(1, depth + 1) %}
        level_{{ level }}.user_id as manager_{{ level }},
        {%- endfor %}
        coalesce(level_{{ depth }}.manager_id not in (
            {%- for level in range(0, depth + 1) %}level_{{ level }}.user_id{{ ", " if not loop.last }}{% endfor -%}
        ), false) as is_chain_cut
    from {{ users }} as level_0
    {%- for level in range(1, depth + 1) %}
    left join {{ users }} as level_{{ level }}
        on level_{{ level }}.user_id = level_{{ level - 1 }}.manager_id
        and level_{{ level }}.user_id not in (
            {%- for earlier in range(0, level) %}level_{{ earlier }}.user_id{{ ", " if not loop.last }}{% endfor -%}
        )
    {%- endfor %}
{%- endmacro %}
