{#- Bookings per product line and quarter against the target mix of the quarter's version. A line of that version
    with a target but no bookings still has a row (bookings 0, share 0, shares NULL), so a neglected strategic line
    is visible. -#}
with line_shares as (
    {{ onstrategy.booking_group_shares('product_line', onstrategy.group_mart_metrics('product', 'bookings')) }}
),

quarters_with_bookings as (
    select distinct fiscal_quarter, fiscal_quarter_index from line_shares
),

target_lines as (
    select quarters_with_bookings.fiscal_quarter, targets.*
    from quarters_with_bookings
    inner join {{ ref('int_quarter_product_lines') }} as targets
        on targets.fiscal_quarter_index = quarters_with_bookings.fiscal_quarter_index
),

lines as (
    select fiscal_quarter, fiscal_quarter_index, product_line from line_shares
    union
    select fiscal_quarter, fiscal_quarter_index, product_line
    from target_lines
    where target_share > 0
)

select
    lines.fiscal_quarter,
    lines.fiscal_quarter_index,
    lines.product_line,
    coalesce(target_lines.is_strategic, false) as is_strategic,
    coalesce(target_lines.is_deprioritized, false) as is_deprioritized,
    coalesce(line_shares.bookings_amount, 0) as bookings_amount,
    coalesce(line_shares.share_of_quarter, 0) as share_of_quarter,
    coalesce(target_lines.target_share, 0) as target_share,
    coalesce(line_shares.share_of_quarter, 0) - coalesce(target_lines.target_share, 0) as share_gap,
    coalesce(line_shares.reps_selling, 0) as reps_selling,
    coalesce(line_shares.accounts_won, 0) as accounts_won
    {%- for metric in onstrategy.group_mart_metrics('product') %},
    line_shares.{{ metric }}{% endfor %},
    {{ onstrategy.is_complete_quarter('lines.fiscal_quarter_index', 'as_of') }} as is_complete_quarter,
    {{ onstrategy.is_as_of_quarter('lines.fiscal_quarter_index', 'as_of') }} as is_as_of_quarter
from lines
left join line_shares
    on line_shares.fiscal_quarter_index = lines.fiscal_quarter_index
    and line_shares.product_line = lines.product_line
left join target_lines
    on target_lines.fiscal_quarter_index = lines.fiscal_quarter_index
    and target_lines.product_line = lines.product_line
cross join {{ ref('as_of') }} as as_of
