-- Booked vs billed per segment, running totals up to each segment's latest quarter.
select segment, is_icp_segment, fiscal_quarter as through_quarter,
       cumulative_booked_amount as booked_amount, cumulative_billed_amount as billed_amount,
       cumulative_billed_to_booked_ratio as billed_to_booked_ratio
from marts.fct_booked_vs_billed_by_segment
qualify row_number() over (partition by segment order by fiscal_quarter_index desc) = 1
order by billed_amount desc, segment
