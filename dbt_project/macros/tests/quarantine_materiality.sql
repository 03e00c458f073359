{#- The recent fiscal quarters (the last four, up to the latest with bookings or held-out business) whose won amount
    held out by the quarantine (audit.quarantine_impact) exceeds `share` of the quarter's bookings; a quarter with
    held-out business and no bookings at all always does. One row per such quarter. `share` "off": none. -#}
{% macro quarantine_materiality(share) -%}
{%- set checked = (share | string | trim | lower) != 'off' -%}
with held_out as (
    select fiscal_quarter, max(fiscal_quarter_index) as fiscal_quarter_index, sum(won_amount) as held_out_won_amount
    from {{ ref('audit_quarantine_impact') }}
    where fiscal_quarter is not null
    group by fiscal_quarter
),

bookings as (
    select fiscal_quarter, fiscal_quarter_index, bookings_amount
    from {{ ref('fct_strategy_adherence_company') }}
),

latest as (
    select max(fiscal_quarter_index) as fiscal_quarter_index
    from (
        select fiscal_quarter_index from bookings
        union all
        select fiscal_quarter_index from held_out
    ) as quarters
)

select
    held_out.fiscal_quarter,
    held_out.held_out_won_amount,
    coalesce(bookings.bookings_amount, 0) as bookings_amount,
    held_out.held_out_won_amount / nullif(bookings.bookings_amount, 0) as held_out_share
from held_out
cross join latest
left join bookings on bookings.fiscal_quarter = held_out.fiscal_quarter
where held_out.fiscal_quarter_index > latest.fiscal_quarter_index - 4
    and held_out.held_out_won_amount > 0
    {%- if checked %}
    and held_out.held_out_won_amount > {{ share }} * coalesce(bookings.bookings_amount, 0)
    {%- else %}
    and 1 = 0
    {%- endif %}
{%- endmacro %}
