{#- SPEC "Organisation": the reps under a manager are those whose chain reaches it at any depth. The chain follows
    `max_management_depth` levels (dbt_project.yml); a user whose chain goes on beyond them fails here, so a deep
    organisation is never rolled up short. Raise the var to fix it. -#}
select rep_id, manager_chain
from {{ ref('int_management_chains') }}
where is_chain_cut
