-- The as-of quarter and the data-through date, as the warehouse defines them (marts.as_of: one row), and the first
-- booking's date (a history that starts after its first quarter's first day makes that quarter partial).
select as_of_quarter_index, as_of_quarter_start, as_of_quarter_end, as_of_quarter_is_complete, data_through_date,
       (select min(close_date) from marts.fct_bookings) as first_booking_date
from marts.as_of
