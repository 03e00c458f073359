with latest_users as (
    {{ onstrategy.latest_records(source('salesforce', 'user'), has_is_deleted=false,
                               quarantine=ref('quarantine_salesforce__user')) }}
)

select
    Id as user_id,
    Name as user_name,
    Email as email,
    Title as title,
    {{ onstrategy.parse_boolean('IsActive') }} as is_active,
    UserRoleId as user_role_id,
    ManagerId as manager_id,
    _source_file,
    _source_line
from latest_users
