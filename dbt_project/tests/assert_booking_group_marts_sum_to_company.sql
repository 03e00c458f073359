{#-
  The by-segment, by-persona and by-product marts partition each quarter's bookings: per fiscal quarter their
  bookings_amount adds up to the company's (within 0.01) and their share_of_quarter adds up to 1. A quarter with
  bookings must appear in each of them; a quarter without bookings in none.
-#}
{%- set group_marts = ['fct_strategy_adherence_by_segment', 'fct_strategy_adherence_by_persona',
                       'fct_strategy_adherence_by_product'] -%}

with company_bookings as (
    select fiscal_quarter, bookings_amount
    from {{ ref('fct_strategy_adherence_company') }}
    where bookings_amount <> 0
),

{% for mart in group_marts -%}
{{ mart }}_totals as (
    select
        fiscal_quarter,
        sum(bookings_amount) as bookings_amount,
        sum(share_of_quarter) as share_of_quarter
    from {{ ref(mart) }}
    group by fiscal_quarter
),

{{ mart }}_compared as (
    select
        '{{ mart }}' as mart,
        coalesce(group_totals.fiscal_quarter, company_bookings.fiscal_quarter) as fiscal_quarter,
        group_totals.bookings_amount as sum_of_groups,
        company_bookings.bookings_amount as company_bookings_amount,
        group_totals.share_of_quarter as sum_of_share_of_quarter
    from {{ mart }}_totals as group_totals
    full outer join company_bookings on company_bookings.fiscal_quarter = group_totals.fiscal_quarter
    where group_totals.fiscal_quarter is null
        or company_bookings.fiscal_quarter is null
        or abs(group_totals.bookings_amount - company_bookings.bookings_amount) > 0.01
        or group_totals.share_of_quarter is null
        or abs(group_totals.share_of_quarter - 1) > 1e-6
),

{% endfor -%}
problems as (
    {%- for mart in group_marts %}
    select * from {{ mart }}_compared
    {{ "union all" if not loop.last }}
    {%- endfor %}
)

select * from problems
