{#- One row per booking line, judged by the strategy version in force on its CloseDate (SPEC "Metric definitions"). -#}
select
    lines.booking_line_id,
    lines.opportunity_id,
    lines.opportunity_line_item_id,
    lines.opportunity_name,
    lines.account_id,
    lines.rep_id,
    lines.team,
    lines.close_date,
    lines.fiscal_quarter,
    lines.fiscal_quarter_index,
    lines.version_id,
    lines.product_id,
    lines.product_line,
    lines.segment,
    lines.persona,
    lines.currency,
    lines.amount_original,
    lines.amount,
    lines.is_icp,
    lines.is_target_account,
    lines.is_icp and not lines.is_deprioritized_product as is_on_strategy,
    case
        when not lines.is_icp and lines.is_deprioritized_product then 'deprioritized_product,non_icp_account'
        when not lines.is_icp then 'non_icp_account'
        when lines.is_deprioritized_product then 'deprioritized_product'
    end as off_strategy_reason,
    motions.growth_motion,
    lines.is_target_persona,
    lines.is_strategic_product,
    lines.is_deprioritized_product
from {{ ref('int_booking_lines') }} as lines
inner join {{ ref('int_booking_growth_motions') }} as motions on motions.booking_line_id = lines.booking_line_id
