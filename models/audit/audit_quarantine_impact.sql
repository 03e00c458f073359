{{ config(alias='quarantine_impact') }}
{#-
  What the quarantine holds out of the numbers, in money (SPEC "Materiality of the quarantine"): per fiscal quarter,
  the won and open opportunity amount of the quarantined records, with the root cause when a record was quarantined
  because another was (an opportunity whose currency's rates were quarantined, whose account or owner was).

  A record is held out when no version of its Id reached staging (an older usable version counts instead) and its
  latest quarantined version is not deleted. Opportunities: won ones by CloseDate (`won_amount`), open ones by
  CreatedDate (`pipeline_amount`), lost ones not at all. Line items: a won opportunity's line that is quarantined
  while the opportunity and another of its lines are booked (an opportunity whose lines are all quarantined is
  booked as one Unmapped line of its Amount, so nothing is held out; an opportunity held out itself carries its
  Amount). Amounts are converted at the rate of the period date; without one (why an opportunity is often
  quarantined), at the currency's rate nearest that date, counted in `approximate_records`; an amount in a currency
  with no rate at all, or that cannot be read (or is not a plausible amount), adds nothing and is counted in
  `amount_unknown_records`: an amount in another currency is not comparable with the bookings.
-#}
{%- set line_key = "cast(quarantined._source_line as " ~ dbt.type_string() ~ ")" -%}
{%- set record_key = "coalesce(quarantined.Id, quarantined._source_file || ':' || " ~ line_key ~ ")" -%}
{%- set newest_first = onstrategy.parse_datetime('quarantined.SystemModstamp')
    ~ " desc nulls last, quarantined._batch_rank desc, quarantined._source_line desc" -%}

with settings as (
    select reporting_currency from {{ ref('stg_strategy__settings') }}
),

calendar as (
    select date_day, fiscal_quarter, fiscal_quarter_index from {{ ref('stg_strategy__fiscal_calendar') }}
),

staged_opportunities as (
    select opportunity_id, is_won, close_date, currency
    from {{ ref('stg_salesforce__opportunities') }}
),

staged_line_items as (
    select opportunity_line_item_id, opportunity_id from {{ ref('stg_salesforce__opportunity_line_items') }}
),

{# the latest quarantined version of each Id that no usable version replaced #}
{%- for cte, quarantine, staged, staged_key in [
    ('quarantined_opportunities', 'quarantine_salesforce__opportunity', 'staged_opportunities', 'opportunity_id'),
    ('quarantined_line_items', 'quarantine_salesforce__opportunity_line_item', 'staged_line_items',
     'opportunity_line_item_id')] %}
{{ cte }} as (
    select
        quarantined.*,
        {{ record_key }} as record_id,
        row_number() over (partition by {{ record_key }} order by {{ newest_first }}) as version_rank
    from {{ ref(quarantine) }} as quarantined
    where
        not exists (
            select 1 from {{ staged }}
            where {{ staged }}.{{ staged_key }} = quarantined.Id
        )
),
{% endfor %}
opportunity_facts as (
    select
        'Opportunity' as object,
        opportunities.reason,
        'opportunity:' || opportunities.record_id as record_key,
        opportunities.AccountId as account_id,
        opportunities.OwnerId as owner_id,
        coalesce({{ onstrategy.parse_boolean('opportunities.IsWon') }}, false) as is_won,
        case
            when coalesce({{ onstrategy.parse_boolean('opportunities.IsWon') }}, false)
                then {{ onstrategy.parse_date('opportunities.CloseDate') }}
            else {{ onstrategy.parse_date('opportunities.CreatedDate') }}
        end as period_date,
        coalesce(nullif(upper(trim(opportunities.CurrencyIsoCode)), ''), settings.reporting_currency) as currency,
        {{ onstrategy.plausible_number('Opportunity', 'Amount', 'opportunities') }} as amount_original,
        cast(null as {{ dbt.type_string() }}) as product_id
    from quarantined_opportunities as opportunities
    cross join settings
    where
        opportunities.version_rank = 1
        and not coalesce({{ onstrategy.parse_boolean('opportunities.IsDeleted') }}, false)
        and (
            coalesce({{ onstrategy.parse_boolean('opportunities.IsWon') }}, false)
            or not coalesce({{ onstrategy.parse_boolean('opportunities.IsClosed') }}, false)
        )
),

line_item_facts as (
    select
        'OpportunityLineItem' as object,
        line_items.reason,
        'line_item:' || line_items.record_id as record_key,
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(null as {{ dbt.type_string() }}) as owner_id,
        true as is_won,
        opportunities.close_date as period_date,
        coalesce(opportunities.currency, settings.reporting_currency) as currency,
        {{ onstrategy.plausible_number('OpportunityLineItem', 'TotalPrice', 'line_items') }} as amount_original,
        line_items.Product2Id as product_id
    from quarantined_line_items as line_items
    cross join settings
    inner join staged_opportunities as opportunities
        on opportunities.opportunity_id = line_items.OpportunityId
        and opportunities.is_won
    where
        line_items.version_rank = 1
        and not coalesce({{ onstrategy.parse_boolean('line_items.IsDeleted') }}, false)
        and exists (
            select 1 from staged_line_items
            where staged_line_items.opportunity_id = line_items.OpportunityId
        )
),

held_out as (
    select * from opportunity_facts
    union all
    select * from line_item_facts
),

{# a record whose currency has no rate on its date (the reason it was quarantined, often) is converted at the
    currency's rate nearest that date: the last one before it, else the first after #}
nearest_rates as (
    select
        held_out.record_key,
        fx.conversion_rate,
        row_number() over (
            partition by held_out.record_key
            order by
                case when held_out.period_date is null or fx.start_date <= held_out.period_date then 0 else 1 end,
                case
                    when held_out.period_date is null or fx.start_date <= held_out.period_date then fx.start_date
                end desc nulls last,
                fx.start_date asc
        ) as rate_rank
    from held_out
    inner join {{ ref('stg_salesforce__fx_rates') }} as fx on fx.currency = held_out.currency
),

converted as (
    select
        held_out.*,
        calendar.fiscal_quarter,
        calendar.fiscal_quarter_index,
        held_out.currency != settings.reporting_currency
        and fx.conversion_rate is null
        and nearest.conversion_rate is not null as is_approximate,
        case
            when held_out.currency = settings.reporting_currency then held_out.amount_original
            else held_out.amount_original / coalesce(fx.conversion_rate, nearest.conversion_rate)
        end as amount
    from held_out
    cross join settings
    left join calendar on calendar.date_day = held_out.period_date
    left join nearest_rates as nearest
        on nearest.record_key = held_out.record_key
        and nearest.rate_rank = 1
    left join {{ ref('stg_salesforce__fx_rates') }} as fx
        on fx.currency = held_out.currency
        and fx.start_date <= held_out.period_date
        and held_out.period_date < fx.next_start_date
),

quarantined_rates as (
    select
        upper(trim(rates.IsoCode)) as currency,
        rates.reason,
        'rate:' || rates._source_file || ':' || cast(rates._source_line as {{ dbt.type_string() }}) as root_key
    from {{ ref('quarantine_salesforce__dated_conversion_rate') }} as rates
),

rate_root_reasons as (
    select
        currency,
        min(reason) as root_reason
    from quarantined_rates
    group by currency
),

{%- for cte, quarantine in [('quarantined_accounts', 'quarantine_salesforce__account'),
                          ('quarantined_users', 'quarantine_salesforce__user'),
                          ('quarantined_products', 'quarantine_salesforce__product2')] %}
{{ cte }} as (
    select
        quarantined.Id as record_id,
        min(quarantined.reason) as reason
    from {{ ref(quarantine) }} as quarantined
    group by quarantined.Id
),
{% endfor %}
{# the record another record was quarantined because of (none: the record is its own root) #}
root_links as (
    select
        converted.record_key,
        'DatedConversionRate' as root_object,
        rate_root_reasons.root_reason,
        quarantined_rates.root_key
    from converted
    inner join rate_root_reasons on rate_root_reasons.currency = converted.currency
    inner join quarantined_rates on quarantined_rates.currency = converted.currency
    where converted.reason in ('missing_fx_rate', 'unknown_currency')
    union all
    select
        converted.record_key,
        'Account' as root_object,
        quarantined_accounts.reason as root_reason,
        'account:' || quarantined_accounts.record_id as root_key
    from converted
    inner join quarantined_accounts on quarantined_accounts.record_id = converted.account_id
    where converted.reason = 'orphan_account'
    union all
    select
        converted.record_key,
        'User' as root_object,
        quarantined_users.reason as root_reason,
        'user:' || quarantined_users.record_id as root_key
    from converted
    inner join quarantined_users on quarantined_users.record_id = converted.owner_id
    where converted.reason = 'orphan_owner'
    union all
    select
        converted.record_key,
        'Product2' as root_object,
        quarantined_products.reason as root_reason,
        'product:' || quarantined_products.record_id as root_key
    from converted
    inner join quarantined_products on quarantined_products.record_id = converted.product_id
    where converted.reason = 'orphan_product'
),

record_roots as (
    select distinct record_key, root_object, root_reason from root_links
),

judged as (
    select
        converted.*,
        coalesce(record_roots.root_object, converted.object) as root_object,
        coalesce(record_roots.root_reason, converted.reason) as root_reason
    from converted
    left join record_roots on record_roots.record_key = converted.record_key
),

root_counts as (
    select
        judged.fiscal_quarter,
        judged.object,
        judged.reason,
        judged.root_object,
        judged.root_reason,
        count(distinct coalesce(root_links.root_key, judged.record_key)) as root_records
    from judged
    left join root_links on root_links.record_key = judged.record_key
    group by judged.fiscal_quarter, judged.object, judged.reason, judged.root_object, judged.root_reason
),

impact as (
    select
        fiscal_quarter,
        object,
        reason,
        root_object,
        root_reason,
        max(fiscal_quarter_index) as fiscal_quarter_index,
        count(*) as records,
        {{ onstrategy.exact_sum('case when is_won then coalesce(amount, 0) else 0 end') }} as won_amount,
        {{ onstrategy.exact_sum('case when not is_won then coalesce(amount, 0) else 0 end') }} as pipeline_amount,
        count(case when amount is not null and is_approximate then 1 end) as approximate_records,
        count(case when amount is null then 1 end) as amount_unknown_records
    from judged
    group by fiscal_quarter, object, reason, root_object, root_reason
)

select
    impact.fiscal_quarter,
    impact.fiscal_quarter_index,
    impact.object,
    impact.reason,
    impact.root_object,
    impact.root_reason,
    impact.records,
    root_counts.root_records,
    impact.won_amount,
    impact.pipeline_amount,
    impact.approximate_records,
    impact.amount_unknown_records
from impact
inner join root_counts
    on coalesce(root_counts.fiscal_quarter, '-') = coalesce(impact.fiscal_quarter, '-')
    and root_counts.object = impact.object
    and root_counts.reason = impact.reason
    and root_counts.root_object = impact.root_object
    and root_counts.root_reason = impact.root_reason
