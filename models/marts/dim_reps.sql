{#- Every Salesforce user with team, manager and place in the organisation (SPEC "Organisation"): a seller owns an
    opportunity or an activity of the landing zone, a manager is named as ManagerId by another user. -#}
with reps as (
    select * from {{ ref('int_reps') }}
),

chains as (
    select rep_id, manager_chain from {{ ref('int_management_chains') }}
),

direct_managers as (
    select distinct manager_id
    from {{ ref('int_rep_managers') }}
    where depth = 1
),

owners as (
    select owner_id from {{ ref('stg_salesforce__opportunities') }}
    union
    select owner_id from {{ ref('stg_salesforce__tasks') }}
    union
    select owner_id from {{ ref('stg_salesforce__events') }}
)

select
    reps.rep_id,
    reps.rep_name,
    reps.team,
    reps.role_id,
    reps.manager_id,
    reps.manager_name,
    reps.is_active,
    owners.owner_id is not null as is_seller,
    direct_managers.manager_id is not null as is_manager,
    chains.manager_chain
from reps
left join owners on owners.owner_id = reps.rep_id
left join direct_managers on direct_managers.manager_id = reps.rep_id
left join chains on chains.rep_id = reps.rep_id
