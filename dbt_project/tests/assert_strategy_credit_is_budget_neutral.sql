{#-
  SPEC "Strategy credit and quota": in a quarter whose version is budget-neutral, the company's strategy credit
  equals its bookings (Σ strategy_credit = Σ amount, within the rounding of doubles), unless its raw
  credit is 0 (credit NULL). Elsewhere strategy_credit = raw_credit = amount x credit_multiplier. Fails with one row
  per quarter that breaks it.
-#}
with quarter_totals as (
    select
        bookings.fiscal_quarter,
        versions.credit_budget_neutral,
        sum(bookings.amount) as bookings_amount,
        sum(bookings.raw_credit) as raw_credit,
        sum(bookings.strategy_credit) as strategy_credit,
        count(case when bookings.strategy_credit is null then 1 end) as lines_without_credit,
        sum(abs(bookings.raw_credit - bookings.amount * bookings.credit_multiplier)) as raw_credit_error
    from {{ ref('fct_bookings') }} as bookings
    inner join {{ ref('int_fiscal_quarters') }} as quarters
        on quarters.fiscal_quarter_index = bookings.fiscal_quarter_index
    inner join {{ ref('stg_strategy__versions') }} as versions on versions.version_id = quarters.quarter_version_id
    group by bookings.fiscal_quarter, versions.credit_budget_neutral
)

select *
from quarter_totals
where raw_credit_error > 0.000001
    or (
        raw_credit <> 0
        and (
            lines_without_credit > 0
            or abs(
                strategy_credit - case when credit_budget_neutral then bookings_amount else raw_credit end
            ) > 0.01 + 0.000000001 * abs(bookings_amount)
        )
    )
