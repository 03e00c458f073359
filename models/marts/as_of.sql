{#- One row: the date the data is read at and the fiscal quarter that "this quarter" means everywhere (the site's
    banner, the cookbook, the quarterly marts' is_as_of_quarter): the latest quarter with bookings that had ended by
    the data-through date (the latest booking close date), else the quarter in progress. One row always: without
    bookings, every column but as_of_date is NULL (the quarterly marts cross join it). -#}
with data_through as (
    select max(close_date) as data_through_date
    from {{ ref('fct_bookings') }}
),

quarters as (
    select * from {{ ref('int_fiscal_quarters') }}
),

ended_quarters as (
    select max(quarters.fiscal_quarter_index) as fiscal_quarter_index
    from quarters
    cross join data_through
    where quarters.fiscal_quarter_end <= data_through.data_through_date
),

booked_quarters as (
    select
        max(bookings.fiscal_quarter_index) as latest_quarter_index,
        max(case
            when bookings.fiscal_quarter_index <= ended_quarters.fiscal_quarter_index
                then bookings.fiscal_quarter_index
        end) as latest_ended_quarter_index
    from {{ ref('fct_bookings') }} as bookings
    cross join ended_quarters
)

select
    {{ onstrategy.as_of_date() }} as as_of_date,
    data_through.data_through_date,
    quarters.fiscal_quarter as as_of_quarter,
    quarters.fiscal_quarter_index as as_of_quarter_index,
    quarters.fiscal_quarter_start as as_of_quarter_start,
    quarters.fiscal_quarter_end as as_of_quarter_end,
    quarters.fiscal_quarter_end <= data_through.data_through_date as as_of_quarter_is_complete,
    ended_quarters.fiscal_quarter_index as last_complete_quarter_index
from data_through
cross join ended_quarters
cross join booked_quarters
left join quarters
    on quarters.fiscal_quarter_index = coalesce(
        booked_quarters.latest_ended_quarter_index, booked_quarters.latest_quarter_index
    )
