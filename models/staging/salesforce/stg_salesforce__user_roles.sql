with latest_roles as (
    {{ onstrategy.latest_records(source('salesforce', 'user_role'), has_is_deleted=false,
                               quarantine=ref('quarantine_salesforce__user_role')) }}
)

select
    Id as user_role_id,
    Name as role_name,
    ParentRoleId as parent_role_id,
    _source_file,
    _source_line
from latest_roles
