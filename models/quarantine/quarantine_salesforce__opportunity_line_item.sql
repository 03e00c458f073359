{{ config(alias='opportunity_line_item') }}
{#- OpportunityLineItem records that cannot be used: unparseable fields, a negative quantity, or an opportunity or
    product that is not in the export (or was itself quarantined). -#}
{{ onstrategy.quarantine_records(
    source('salesforce', 'opportunity_line_item'),
    onstrategy.contract_checks('OpportunityLineItem')
    + [('negative_quantity', 'Quantity', onstrategy.parse_double('raw_records.Quantity') ~ ' < 0'),
       onstrategy.orphan_check('orphan_opportunity', 'OpportunityId', 'salesforce', 'opportunity'),
       onstrategy.orphan_check('orphan_product', 'Product2Id', 'salesforce', 'product2')]
) }}
