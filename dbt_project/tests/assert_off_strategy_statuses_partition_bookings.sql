{#-
  SPEC "Justified off-strategy business": every booking line has exactly one off_strategy_status, on_strategy
  exactly when it is on strategy, an exception reason exactly when it is justified, and an easy line's opportunity
  took at most the quarter's p25 of minutes per $1k. Fails with one row per line that breaks it.
-#}
select
    bookings.booking_line_id,
    bookings.off_strategy_status,
    bookings.is_on_strategy,
    bookings.exception_reason,
    bookings.minutes_per_1k,
    efforts.easy_threshold_minutes_per_1k
from {{ ref('fct_bookings') }} as bookings
inner join {{ ref('int_won_opportunity_effort') }} as efforts on efforts.opportunity_id = bookings.opportunity_id
where (bookings.off_strategy_status = 'on_strategy') <> bookings.is_on_strategy
    or (bookings.off_strategy_status = 'justified') <> (bookings.exception_reason is not null)
    or (
        bookings.off_strategy_status = 'easy'
        and not bookings.minutes_per_1k <= efforts.easy_threshold_minutes_per_1k
    )
