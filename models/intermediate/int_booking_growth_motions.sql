{#- growth_motion of each booking line (SPEC), set-based:
    new_logo    - the opportunity closes on the account's first won CloseDate (all history; same-day wins all count);
    cross_sell  - else, no won line of this product line on the account before this CloseDate;
    new_persona - else, the opportunity's persona is known and on no earlier won opportunity of the account;
    expansion   - everything else.
    "Before"/"earlier" is a strictly earlier CloseDate. A won opportunity without an account is its own account. -#}
with booking_lines as (
    select
        booking_line_id,
        close_date,
        product_line,
        persona,
        coalesce(account_id, concat('no account: ', opportunity_id)) as account_key
    from {{ ref('int_booking_lines') }}
),

first_dates as (
    select
        *,
        min(close_date) over (partition by account_key) as account_first_won_date,
        min(close_date) over (partition by account_key, product_line) as product_line_first_won_date,
        min(close_date) over (partition by account_key, persona) as persona_first_won_date
    from booking_lines
)

select
    booking_line_id,
    case
        when close_date = account_first_won_date then 'new_logo'
        when close_date = product_line_first_won_date then 'cross_sell'
        when persona <> 'Unknown' and close_date = persona_first_won_date then 'new_persona'
        else 'expansion'
    end as growth_motion
from first_dates
