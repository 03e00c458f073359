-- The data's as-of date: the latest booking close date (the site reports the latest quarter ended by then).
select max(close_date) as as_of_date,
       min(fiscal_quarter_index) as first_quarter_index,
       max(fiscal_quarter_index) as last_quarter_index
from marts.fct_bookings
