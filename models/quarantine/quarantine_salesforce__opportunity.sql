{{ config(alias='opportunity') }}
{#- Opportunity records that cannot be used: unparseable fields, a won deal without a close date, a currency with
    no rate at all, no rate on the created date (pipeline) or, for a won deal, on the close date (bookings), or an
    account or owner that is not in the export. An empty AccountId is allowed (pipeline without an account); an
    empty currency is the reporting currency. -#}
{%- set raw_opportunities = source('salesforce', 'opportunity') -%}
{%- set is_won = "coalesce(" ~ onstrategy.parse_boolean('raw_records.IsWon') ~ ", false)" -%}
{{ onstrategy.quarantine_records(
    raw_opportunities,
    onstrategy.contract_checks('Opportunity')
    + [('missing_close_date', 'CloseDate', is_won ~ " and not " ~ onstrategy.is_present('raw_records.CloseDate'))]
    + onstrategy.salesforce_currency_checks(raw_opportunities, [('CreatedDate', none), ('CloseDate', is_won)])
    + [onstrategy.orphan_check('orphan_account', 'AccountId', 'salesforce', 'account'),
       onstrategy.orphan_check('orphan_owner', 'OwnerId', 'salesforce', 'user')]
) }}
