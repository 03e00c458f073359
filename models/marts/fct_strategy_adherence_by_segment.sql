{#- Bookings per segment and quarter against the segment's target share (quarter's version; Unsegmented: 0). -#}
with segment_shares as (
    {{ onstrategy.booking_group_shares('segment', onstrategy.group_mart_metrics('segment', 'bookings')) }}
),

balance_scores as (
    {{ onstrategy.product_balance_scores(['segment']) }}
)

select
    segment_shares.fiscal_quarter,
    segment_shares.fiscal_quarter_index,
    segment_shares.segment,
    coalesce(segments.is_icp, false) as is_icp_segment,
    segment_shares.bookings_amount,
    segment_shares.share_of_quarter,
    coalesce(segments.target_share, 0) as target_share,
    segment_shares.share_of_quarter - coalesce(segments.target_share, 0) as share_gap,
    segment_shares.reps_selling,
    segment_shares.accounts_won
    {%- for metric in onstrategy.group_mart_metrics('segment') %},
    {{ 'balance_scores' if metric in onstrategy.metrics_of('balance') else 'segment_shares' }}.{{ metric }}{% endfor %},
    {{ onstrategy.is_complete_quarter('segment_shares.fiscal_quarter_index', 'as_of') }} as is_complete_quarter,
    {{ onstrategy.is_as_of_quarter('segment_shares.fiscal_quarter_index', 'as_of') }} as is_as_of_quarter
from segment_shares
left join {{ ref('stg_strategy__segments') }} as segments
    on segments.version_id = segment_shares.quarter_version_id
    and segments.segment_name = segment_shares.segment
left join balance_scores
    on balance_scores.fiscal_quarter_index = segment_shares.fiscal_quarter_index
    and balance_scores.segment = segment_shares.segment
cross join {{ ref('as_of') }} as as_of
