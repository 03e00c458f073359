{#-
  SPEC: a booking line is new_logo exactly when its close date is the account's first won close date (all
  history, dim_accounts.first_won_date). Fails with one row per booking line where the two disagree.
-#}
with bookings as (
    select booking_line_id, account_id, close_date, growth_motion
    from {{ ref('fct_bookings') }}
    where account_id is not null
),

accounts as (
    select account_id, first_won_date from {{ ref('dim_accounts') }}
)

select
    bookings.booking_line_id,
    bookings.account_id,
    bookings.close_date,
    accounts.first_won_date,
    bookings.growth_motion
from bookings
inner join accounts on accounts.account_id = bookings.account_id
where accounts.first_won_date is null
    or (bookings.growth_motion = 'new_logo') <> (bookings.close_date = accounts.first_won_date)
