with latest_accounts as (
    {{ onstrategy.latest_records(source('salesforce', 'account'),
                               quarantine=ref('quarantine_salesforce__account')) }}
)

select
    Id as account_id,
    Name as account_name,
    Website as website,
    Industry as industry,
    {{ onstrategy.parse_bigint('NumberOfEmployees') }} as number_of_employees,
    {{ onstrategy.parse_double('AnnualRevenue') }} as annual_revenue,
    BillingCountry as billing_country,
    BillingState as billing_state,
    Type as account_type,
    ParentId as parent_account_id,
    OwnerId as owner_id,
    {{ onstrategy.parse_date('CreatedDate') }} as created_date,
    _source_file,
    _source_line
from latest_accounts
