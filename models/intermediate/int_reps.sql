{#- Salesforce users with their team (the name of their UserRole) and manager. -#}
select
    users.user_id as rep_id,
    users.user_name as rep_name,
    coalesce(roles.role_name, 'No team') as team,
    users.user_role_id as role_id,
    users.manager_id,
    managers.user_name as manager_name,
    coalesce(users.is_active, false) as is_active
from {{ ref('stg_salesforce__users') }} as users
left join {{ ref('stg_salesforce__user_roles') }} as roles on roles.user_role_id = users.user_role_id
left join {{ ref('stg_salesforce__users') }} as managers on managers.user_id = users.manager_id
