{#-
  SPEC "Fiscal years": a year is the same definitions over the year's rows, so its amounts and counts are the sums
  of its quarters, per rep and for the company (amounts within 0.01, counts exactly); a (rep, year) with no quarter,
  or quarters with no year row, fails too.
-#}
with rep_mismatches as (
    {{ onstrategy.year_totals_mismatches('fct_strategy_adherence_by_rep_year', 'fct_strategy_adherence_by_rep',
                                         ['rep_id']) }}
),

company_mismatches as (
    {{ onstrategy.year_totals_mismatches('fct_strategy_adherence_company_year', 'fct_strategy_adherence_company',
                                         []) }}
)

select 'by_rep' as mart, fiscal_year_number, rep_id, metric, sum_of_quarters, year_value from rep_mismatches
union all
select 'company' as mart, fiscal_year_number, null as rep_id, metric, sum_of_quarters, year_value
from company_mismatches
