-- Bookings of every account with a page (queries/accounts.sql's rule) by fiscal quarter, in total
-- (is_quarter_total) and by product line, all quarters of history.
with paged_accounts as (
    select account_id from marts.fct_bookings
    where fiscal_quarter_index between $q - 3 and $q and account_id is not null
    union
    select account_id from marts.fct_pipeline where not is_closed and account_id is not null
)
select
    bookings.account_id,
    bookings.fiscal_quarter,
    bookings.fiscal_quarter_index,
    bookings.product_line,
    grouping(bookings.product_line) = 1 as is_quarter_total,
    sum(bookings.amount) as amount,
    coalesce(sum(bookings.amount) filter (where bookings.is_on_strategy), 0)
    / nullif(sum(bookings.amount), 0) as on_strategy_share
from marts.fct_bookings as bookings
where bookings.account_id in (select account_id from paged_accounts)
group by grouping sets (
    (bookings.account_id, bookings.fiscal_quarter, bookings.fiscal_quarter_index, bookings.product_line),
    (bookings.account_id, bookings.fiscal_quarter, bookings.fiscal_quarter_index)
)
order by bookings.account_id, bookings.fiscal_quarter_index, is_quarter_total desc, bookings.product_line
