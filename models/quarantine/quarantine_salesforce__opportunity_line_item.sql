{{ config(alias='opportunity_line_item') }}
{#- OpportunityLineItem records that cannot be used: unparseable fields, a negative quantity, or an opportunity or
    product that is not in the export (or was itself quarantined). -#}
{% set joins %}
    left join (
        {{ onstrategy.usable_ids(source('salesforce', 'opportunity'), ref('quarantine_salesforce__opportunity')) }}
    ) as opportunities
        on opportunities.Id = raw_records.OpportunityId
    left join (
        {{ onstrategy.usable_ids(source('salesforce', 'product2'), ref('quarantine_salesforce__product2')) }}
    ) as products
        on products.Id = raw_records.Product2Id
{% endset %}
{{ onstrategy.quarantine_records(
    source('salesforce', 'opportunity_line_item'),
    onstrategy.contract_checks('OpportunityLineItem')
    + [('negative_quantity', 'Quantity', onstrategy.parse_double('raw_records.Quantity') ~ ' < 0'),
       ('orphan_opportunity', 'OpportunityId', onstrategy.is_orphan('raw_records.OpportunityId', 'opportunities')),
       ('orphan_product', 'Product2Id', onstrategy.is_orphan('raw_records.Product2Id', 'products'))],
    joins=joins
) }}
