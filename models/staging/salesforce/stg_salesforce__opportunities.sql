with latest_opportunities as (
    {{ onstrategy.latest_records(source('salesforce', 'opportunity'),
                               quarantine=ref('quarantine_salesforce__opportunity')) }}
)

select
    Id as opportunity_id,
    AccountId as account_id,
    OwnerId as owner_id,
    Name as opportunity_name,
    StageName as stage_name,
    {{ onstrategy.parse_double('Amount') }} as amount,
    upper(trim(CurrencyIsoCode)) as currency,
    {{ onstrategy.parse_double('Probability') }} as probability,
    {{ onstrategy.parse_date('CloseDate') }} as close_date,
    {{ onstrategy.parse_boolean('IsClosed') }} as is_closed,
    {{ onstrategy.parse_boolean('IsWon') }} as is_won,
    {{ onstrategy.parse_date('CreatedDate') }} as created_date,
    Type as opportunity_type,
    LeadSource as lead_source,
    _source_file,
    _source_line
from latest_opportunities
