{#- Calendar months spanned by the billing data (first billing date to its as-of date), numbered in order, with the
    fiscal quarter and strategy version in force on each month's first day. Fiscal quarters start on a month's first
    day, so a month lies in exactly one quarter. -#}
with calendar as (
    select * from {{ ref('stg_strategy__fiscal_calendar') }}
),

as_of as (
    select * from {{ ref('int_billing_as_of') }}
),

calendar_months as (
    select min(date_day) as month_start, max(date_day) as month_end
    from calendar
    group by {{ dbt.date_trunc('month', 'date_day') }}
),

billing_months as (
    select
        calendar_months.month_start,
        calendar_months.month_end,
        calendar_months.month_end <= as_of.billing_as_of_date as is_complete_month
    from calendar_months
    cross join as_of
    where calendar_months.month_end >= as_of.first_billing_date
        and calendar_months.month_start <= as_of.billing_as_of_date
)

select
    billing_months.month_start,
    billing_months.month_end,
    row_number() over (order by billing_months.month_start) as month_index,
    calendar.fiscal_quarter,
    calendar.fiscal_quarter_index,
    calendar.version_id,
    billing_months.is_complete_month
from billing_months
inner join calendar on calendar.date_day = billing_months.month_start
