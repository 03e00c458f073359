{#- The bridge from a user to every manager above it (SPEC "Organisation": the reps under a manager are those whose
    ManagerId chain reaches it), one row per (rep, manager) with the depth (1 = the direct manager). -#}
with chains as (
    select * from {{ ref('int_management_chains') }}
)

{% for level in range(1, var('max_management_depth') + 1) -%}
select rep_id, manager_{{ level }} as manager_id, {{ level }} as depth
from chains
where manager_{{ level }} is not null
{{ "union all" if not loop.last }}
{% endfor %}
