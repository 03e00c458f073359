{#- Booking lines (SPEC "Metric definitions"): every line item of a won opportunity, or one Unmapped line of the
    Amount when a won opportunity has none; converted at CloseDate and judged by the version in force then:
    on strategy or not (and why), and the growth-strategy flags (SPEC "Growth strategies"). -#}
with won_opportunities as (
    select * from {{ ref('stg_salesforce__opportunities') }}
    where is_won and close_date is not null
),

line_items as (
    select * from {{ ref('stg_salesforce__opportunity_line_items') }}
),

lines_of_won_opportunities as (
    select
        coalesce(line_items.opportunity_line_item_id, won_opportunities.opportunity_id) as booking_line_id,
        won_opportunities.opportunity_id,
        line_items.opportunity_line_item_id,
        won_opportunities.opportunity_name,
        won_opportunities.account_id,
        won_opportunities.owner_id as rep_id,
        won_opportunities.close_date,
        line_items.product_id,
        won_opportunities.currency,
        case
            when line_items.opportunity_line_item_id is null then won_opportunities.amount
            else line_items.total_price
        end as amount_original
    from won_opportunities
    left join line_items on line_items.opportunity_id = won_opportunities.opportunity_id
),

settings as (
    select reporting_currency from {{ ref('stg_strategy__settings') }}
),

judged_lines as (
    select
        lines.booking_line_id,
        lines.opportunity_id,
        lines.opportunity_line_item_id,
        lines.opportunity_name,
        lines.account_id,
        lines.rep_id,
        coalesce(reps.team, 'No team') as team,
        lines.close_date,
        calendar.fiscal_quarter,
        calendar.fiscal_quarter_index,
        calendar.version_id,
        lines.product_id,
        coalesce(product_lines.product_line, 'Unmapped') as product_line,
        coalesce(product_lines.is_strategic, false) as is_strategic_product,
        coalesce(product_lines.is_deprioritized, false) as is_deprioritized_product,
        coalesce(
            product_lines.launched_on <= lines.close_date and lines.close_date < product_lines.new_product_until, false
        ) as is_new_product,
        coalesce(segments.is_new_segment, false) as is_new_segment_sale,
        coalesce(segments.segment, 'Unsegmented') as segment,
        coalesce(segments.is_icp, false) as is_icp,
        coalesce(segments.is_target_account, false) as is_target_account,
        coalesce(personas.persona, 'Unknown') as persona,
        target_personas.persona is not null as is_target_persona,
        coalesce(lines.currency, settings.reporting_currency) as currency,
        lines.amount_original,
        {{ onstrategy.to_reporting_currency(
            'lines.amount_original', 'lines.currency', 'fx.conversion_rate', 'settings.reporting_currency'
        ) }} as amount
    from lines_of_won_opportunities as lines
    cross join settings
    inner join {{ ref('stg_strategy__fiscal_calendar') }} as calendar on calendar.date_day = lines.close_date
    left join {{ ref('int_reps') }} as reps on reps.rep_id = lines.rep_id
    left join {{ ref('int_product_lines') }} as product_lines
        on product_lines.product_id = lines.product_id
        and product_lines.version_id = calendar.version_id
    left join {{ ref('int_account_segments') }} as segments
        on segments.account_id = lines.account_id
        and segments.version_id = calendar.version_id
    left join {{ ref('int_opportunity_personas') }} as personas on personas.opportunity_id = lines.opportunity_id
    left join {{ ref('stg_strategy__target_personas') }} as target_personas
        on target_personas.version_id = calendar.version_id
        and target_personas.persona = coalesce(personas.persona, 'Unknown')
    left join {{ ref('stg_salesforce__fx_rates') }} as fx
        on fx.currency = lines.currency
        and fx.start_date <= lines.close_date
        and lines.close_date < fx.next_start_date
)

select
    *,
    is_icp and not is_deprioritized_product as is_on_strategy,
    case
        when not is_icp and is_deprioritized_product then 'deprioritized_product,non_icp_account'
        when not is_icp then 'non_icp_account'
        when is_deprioritized_product then 'deprioritized_product'
    end as off_strategy_reason
from judged_lines
