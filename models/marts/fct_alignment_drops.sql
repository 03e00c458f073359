{#- What each team said it would drop, and whether it did (SPEC "Sales alignment plans"): a row per fiscal quarter
    with data and drop of the plan of the quarter's version; actual_share = the line's share of the team's bookings
    that quarter (0 when the team booked but not in the line, NULL when it booked nothing); met = actual_share <=
    max_share. -#}
with quarters_with_data as (
    select
        company.fiscal_quarter,
        company.fiscal_quarter_index,
        company.is_complete_quarter,
        quarters.quarter_version_id
    from {{ ref('fct_strategy_adherence_company') }} as company
    inner join {{ ref('int_fiscal_quarters') }} as quarters
        on quarters.fiscal_quarter_index = company.fiscal_quarter_index
),

team_line_amounts as (
    select
        fiscal_quarter_index,
        team,
        product_line,
        {{ onstrategy.exact_sum('amount') }} as line_amount
    from {{ ref('fct_bookings') }}
    group by fiscal_quarter_index, team, product_line
),

team_amounts as (
    select
        fiscal_quarter_index,
        team,
        {{ onstrategy.exact_sum('line_amount') }} as team_amount
    from team_line_amounts
    group by fiscal_quarter_index, team
),

team_drops as (
    select
        quarters_with_data.fiscal_quarter,
        quarters_with_data.fiscal_quarter_index,
        quarters_with_data.is_complete_quarter,
        drops.version_id,
        drops.team,
        drops.product_line,
        drops.max_share
    from quarters_with_data
    inner join {{ ref('stg_strategy__alignment_drops') }} as drops
        on drops.version_id = quarters_with_data.quarter_version_id
),

drop_shares as (
    select
        team_drops.*,
        coalesce(team_line_amounts.line_amount, 0) / nullif(team_amounts.team_amount, 0) as actual_share
    from team_drops
    left join team_amounts
        on team_amounts.fiscal_quarter_index = team_drops.fiscal_quarter_index
        and team_amounts.team = team_drops.team
    left join team_line_amounts
        on team_line_amounts.fiscal_quarter_index = team_drops.fiscal_quarter_index
        and team_line_amounts.team = team_drops.team
        and team_line_amounts.product_line = team_drops.product_line
)

select
    fiscal_quarter,
    fiscal_quarter_index,
    version_id,
    team,
    product_line,
    max_share,
    actual_share,
    actual_share <= max_share as met,
    is_complete_quarter
from drop_shares
