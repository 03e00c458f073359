{#- Every Salesforce user's management chain (SPEC "Organisation"): its manager, the manager's manager, and so on,
    up to var max_management_depth levels (assert_management_chains_are_complete fails on a longer one). A manager
    already in the chain (a loop in the ManagerId data) ends it; so does a ManagerId naming no known user. -#}
{%- set depth = var('max_management_depth') -%}
with users as (
    select user_id, manager_id from {{ ref('stg_salesforce__users') }}
),

chains as (
    {{ onstrategy.management_levels('users', depth) }}
)

select
    rep_id,
    {%- for level in range(1, depth + 1) %}
    manager_{{ level }},
    {%- endfor %}
    nullif(
        concat_ws(
            ','
            {%- for level in range(1, depth + 1) %},
            manager_{{ level }}
            {%- endfor %}
        ),
        ''
    ) as manager_chain,
    is_chain_cut
from chains
