{{ config(alias='product2') }}
{#- Product2 records that cannot be used. -#}
{{ onstrategy.quarantine_records(
    source('salesforce', 'product2'),
    onstrategy.contract_checks('Product2')
) }}
