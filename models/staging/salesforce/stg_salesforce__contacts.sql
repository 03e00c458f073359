with latest_contacts as (
    {{ onstrategy.latest_records(source('salesforce', 'contact'),
                               quarantine=ref('quarantine_salesforce__contact')) }}
)

select
    Id as contact_id,
    AccountId as account_id,
    Title as title,
    Email as email,
    FirstName as first_name,
    LastName as last_name,
    Phone as phone,
    {{ onstrategy.parse_datetime('CreatedDate') }} as created_at,
    _source_file,
    _source_line
from latest_contacts
