{{ config(alias='opportunity') }}
{#- Opportunity records that cannot be used: unparseable fields, a won deal without a close date, a currency with
    no rate at all, no rate on the created date (pipeline) or, for a won deal, on the close date (bookings), or an
    account or owner that is not in the export. An empty AccountId is allowed (pipeline without an account); an
    empty currency is the reporting currency. -#}
{%- set raw_opportunities = source('salesforce', 'opportunity') -%}
{%- set currency = "coalesce(nullif(upper(trim(raw_records.CurrencyIsoCode)), ''), settings.reporting_currency)" -%}
{%- set is_won = "coalesce(" ~ onstrategy.parse_boolean('raw_records.IsWon') ~ ", false)" -%}
{%- set foreign_currency = currency ~ " <> settings.reporting_currency" -%}

{% set joins %}
    cross join {{ ref('stg_strategy__settings') }} as settings
    left join (select distinct currency from {{ ref('stg_salesforce__fx_rates') }}) as known_currencies
        on known_currencies.currency = {{ currency }}
    left join {{ onstrategy.records_with_fx_rate(
        raw_opportunities, ref('stg_salesforce__fx_rates'), 'CurrencyIsoCode', 'CreatedDate'
    ) }} as rate_at_creation
        on rate_at_creation._source_file = raw_records._source_file
        and rate_at_creation._source_line = raw_records._source_line
    left join {{ onstrategy.records_with_fx_rate(
        raw_opportunities, ref('stg_salesforce__fx_rates'), 'CurrencyIsoCode', 'CloseDate'
    ) }} as rate_at_close
        on rate_at_close._source_file = raw_records._source_file
        and rate_at_close._source_line = raw_records._source_line
    left join (
        {{ onstrategy.usable_ids(source('salesforce', 'account'), ref('quarantine_salesforce__account')) }}
    ) as accounts
        on accounts.Id = raw_records.AccountId
    left join ({{ onstrategy.usable_ids(source('salesforce', 'user'), ref('quarantine_salesforce__user')) }}) as owners
        on owners.Id = raw_records.OwnerId
{% endset %}
{{ onstrategy.quarantine_records(
    raw_opportunities,
    onstrategy.contract_checks('Opportunity')
    + [('missing_close_date', 'CloseDate', is_won ~ " and not " ~ onstrategy.is_present('raw_records.CloseDate')),
       ('unknown_currency', 'CurrencyIsoCode', foreign_currency ~ " and known_currencies.currency is null"),
       ('missing_fx_rate', 'CreatedDate', foreign_currency ~ " and rate_at_creation._source_line is null"),
       ('missing_fx_rate', 'CloseDate', foreign_currency ~ " and " ~ is_won ~ " and rate_at_close._source_line is null"),
       ('orphan_account', 'AccountId', onstrategy.is_orphan('raw_records.AccountId', 'accounts')),
       ('orphan_owner', 'OwnerId', onstrategy.is_orphan('raw_records.OwnerId', 'owners'))],
    joins=joins
) }}
