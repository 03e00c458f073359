with latest_contact_roles as (
    {{ onstrategy.latest_records(source('salesforce', 'opportunity_contact_role'),
                               quarantine=ref('quarantine_salesforce__opportunity_contact_role')) }}
)

select
    Id as opportunity_contact_role_id,
    OpportunityId as opportunity_id,
    ContactId as contact_id,
    Role as role,
    coalesce({{ onstrategy.parse_boolean('IsPrimary') }}, false) as is_primary,
    {{ onstrategy.parse_datetime('CreatedDate') }} as created_at,
    _source_file,
    _source_line
from latest_contact_roles
