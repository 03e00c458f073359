with latest_customers as (
    {{ onstrategy.latest_stripe_objects(source('stripe', 'customers'), ref('quarantine_stripe__customers')) }}
)

select
    id as customer_id,
    {{ onstrategy.json_str('object_json', '$.name') }} as customer_name,
    {{ onstrategy.json_str('object_json', '$.email') }} as email,
    {{ onstrategy.email_domain(onstrategy.json_str('object_json', '$.email')) }} as email_domain,
    nullif(trim({{ onstrategy.json_str('object_json', '$.metadata.salesforce_account_id') }}), '')
        as salesforce_account_id,
    upper({{ onstrategy.json_str('object_json', '$.currency') }}) as currency,
    {{ onstrategy.unix_seconds_to_date(onstrategy.json_str('object_json', '$.created')) }} as created_date,
    _source_file,
    _source_line
from latest_customers
