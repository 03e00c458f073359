{#-
  MetricFlow's time spine: one row per day, with the fiscal quarter of the day (a custom granularity, so
  `metric_time__fiscal_quarter` follows strategy.yml's fiscal_year_start_month). The days come from dbt's portable
  date_spine macro; the fiscal quarter from the strategy's fiscal calendar (which covers 1990-01-01 .. 2099-12-31).
-#}
with days as (
    {{ dbt.date_spine(
        datepart="day",
        start_date="cast('1990-01-01' as date)",
        end_date="cast('2100-01-01' as date)"
    ) -}}
)

select
    cast(days.date_day as date) as date_day,
    calendar.fiscal_quarter
from days
left join {{ ref('stg_strategy__fiscal_calendar') }} as calendar
    on calendar.date_day = cast(days.date_day as date)
