-- What each team's plan drops (a product line kept under a share of its bookings) and whether it did, per fiscal
-- quarter up to the as-of one ($q).
select fiscal_quarter, fiscal_quarter_index, version_id, team, product_line, max_share, actual_share, met,
       is_complete_quarter
from marts.fct_alignment_drops
where fiscal_quarter_index <= $q
order by fiscal_quarter_index, team, product_line
