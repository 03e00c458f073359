{{ config(alias='opportunity_contact_role') }}
{#- OpportunityContactRole records that cannot be used: unparseable fields, or an opportunity or contact that is
    not in the export (or was itself quarantined). -#}
{{ onstrategy.quarantine_records(
    source('salesforce', 'opportunity_contact_role'),
    onstrategy.contract_checks('OpportunityContactRole')
    + [onstrategy.orphan_check('orphan_opportunity', 'OpportunityId', 'salesforce', 'opportunity'),
       onstrategy.orphan_check('orphan_contact', 'ContactId', 'salesforce', 'contact')]
) }}
