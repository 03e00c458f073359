-- The as-of quarter and the data-through date, as the warehouse defines them (marts.as_of: one row).
select as_of_quarter_index, as_of_quarter_start, as_of_quarter_end, as_of_quarter_is_complete, data_through_date
from marts.as_of
