{{ config(alias='opportunity_contact_role') }}
{#- OpportunityContactRole records that cannot be used: unparseable fields, or an opportunity or contact that is
    not in the export (or was itself quarantined). -#}
{% set joins %}
    left join (
        {{ onstrategy.usable_ids(source('salesforce', 'opportunity'), ref('quarantine_salesforce__opportunity')) }}
    ) as opportunities
        on opportunities.Id = raw_records.OpportunityId
    left join (
        {{ onstrategy.usable_ids(source('salesforce', 'contact'), ref('quarantine_salesforce__contact')) }}
    ) as contacts
        on contacts.Id = raw_records.ContactId
{% endset %}
{{ onstrategy.quarantine_records(
    source('salesforce', 'opportunity_contact_role'),
    onstrategy.contract_checks('OpportunityContactRole')
    + [('orphan_opportunity', 'OpportunityId', onstrategy.is_orphan('raw_records.OpportunityId', 'opportunities')),
       ('orphan_contact', 'ContactId', onstrategy.is_orphan('raw_records.ContactId', 'contacts'))],
    joins=joins
) }}
