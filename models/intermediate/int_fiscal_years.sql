{#- One row per fiscal year of the fiscal calendar, with the strategy version whose objectives and red-flag thresholds
    judge the year (SPEC "Fiscal years"): the one in force on its last day, or on the as-of date while the year runs. -#}
with calendar_days as (
    select date_day, fiscal_year, fiscal_year_label, version_id from {{ ref('stg_strategy__fiscal_calendar') }}
),

years as (
    select
        fiscal_year as fiscal_year_number,
        min(fiscal_year_label) as fiscal_year,
        min(date_day) as fiscal_year_start,
        max(date_day) as fiscal_year_end
    from calendar_days
    group by fiscal_year
),

judging_days as (
    select
        years.fiscal_year_number,
        years.fiscal_year,
        years.fiscal_year_start,
        years.fiscal_year_end,
        -- the year's last day, or the as-of date while the year runs (a later year: its first day)
        greatest(years.fiscal_year_start, least(years.fiscal_year_end, as_of.as_of_date)) as judged_on
    from years
    cross join {{ ref('as_of') }} as as_of
)

select
    judging_days.fiscal_year,
    judging_days.fiscal_year_number,
    judging_days.fiscal_year_start,
    judging_days.fiscal_year_end,
    judging_days.judged_on,
    calendar_days.version_id as year_version_id
from judging_days
inner join calendar_days on calendar_days.date_day = judging_days.judged_on
