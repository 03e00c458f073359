-- What the quarantine holds out, worst first: per quarter, object, reason and root cause, with the quarter's
-- bookings (0 when it has none) to judge the share, and the latest quarter with bookings (the recent quarters end
-- there or at the latest held-out quarter, as in the blocking check).
select impact.fiscal_quarter,
       impact.fiscal_quarter_index,
       impact.object,
       impact.reason,
       impact.root_object,
       impact.root_reason,
       impact.records,
       impact.root_records,
       impact.won_amount,
       impact.pipeline_amount,
       impact.approximate_records,
       impact.amount_unknown_records,
       coalesce(company.bookings_amount, 0) as bookings_amount,
       (select max(fiscal_quarter_index) from marts.fct_strategy_adherence_company) as latest_bookings_quarter_index
from audit.quarantine_impact as impact
left join marts.fct_strategy_adherence_company as company on company.fiscal_quarter = impact.fiscal_quarter
order by impact.won_amount desc, impact.pipeline_amount desc, impact.fiscal_quarter_index desc nulls last,
         impact.object, impact.reason, impact.root_object, impact.root_reason
