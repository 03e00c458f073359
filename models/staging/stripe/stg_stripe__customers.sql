with latest_customers as (
    {{ onstrategy.latest_stripe_objects(ref('base_stripe__customers'), ref('quarantine_stripe__customers')) }}
)

select
    id as customer_id,
    name as customer_name,
    email,
    {{ onstrategy.email_domain('email') }} as email_domain,
    {#- the link may hold the 15-character Id a report exported; accounts carry the 18-character one -#}
    {{ onstrategy.salesforce_id_18("nullif(trim(metadata_salesforce_account_id), '')") }} as salesforce_account_id,
    upper(currency) as currency,
    {{ onstrategy.unix_seconds_to_date('created') }} as created_date,
    _source_file,
    _source_line
from latest_customers
