{#-
  SPEC: shares are NULL when the group has no bookings (never 0). A rep (or team, or quarter) with pipeline
  created or activities but no bookings still has a row, with bookings_amount 0 and every booking share and
  product_balance_score NULL; a product line of the target mix without bookings has bookings_amount 0,
  share_of_quarter 0 and NULL shares. Conversely a group with bookings has booking shares.
  Fails with one row per offending row.
-#}
{%- set booking_metrics = ['on_strategy_share', 'icp_share', 'new_logo_share', 'cross_sell_share',
                           'new_persona_share', 'expansion_share', 'strategic_product_share',
                           'target_persona_share', 'product_balance_score', 'icp_customer_share'] -%}
{#- icp_customer_share counts accounts: NULL when every booking has no account, even with bookings. -#}
{%- set amount_weighted_metrics = booking_metrics | reject('equalto', 'icp_customer_share') | list -%}
{%- set product_metrics = ['on_strategy_share', 'icp_share', 'new_logo_share', 'cross_sell_share',
                           'new_persona_share', 'target_persona_share'] -%}

with metric_set_rows as (
    {%- for mart, group_key in [('fct_strategy_adherence_by_rep', 'rep_id'),
                                ('fct_strategy_adherence_by_team', 'team'),
                                ('fct_strategy_adherence_company', "'company'")] %}
    select
        '{{ mart }}' as mart,
        fiscal_quarter,
        {{ group_key }} as group_key,
        booking_lines,
        bookings_amount,
        case
            when {{ booking_metrics | join(' is null and ') }} is null then 1
            else 0
        end as all_booking_shares_null,
        case
            when {{ amount_weighted_metrics | join(' is not null and ') }} is not null then 1
            else 0
        end as all_booking_shares_set
    from {{ ref(mart) }}
    {{ "union all" if not loop.last }}
    {%- endfor %}
),

product_rows as (
    select
        'fct_strategy_adherence_by_product' as mart,
        fiscal_quarter,
        product_line as group_key,
        reps_selling,
        bookings_amount,
        share_of_quarter,
        case
            when {{ product_metrics | join(' is null and ') }} is null then 1
            else 0
        end as all_booking_shares_null
    from {{ ref('fct_strategy_adherence_by_product') }}
)

select mart, fiscal_quarter, group_key, 'no booking lines but bookings or shares' as problem
from metric_set_rows
where booking_lines = 0
    and (bookings_amount <> 0 or all_booking_shares_null = 0)
union all
select mart, fiscal_quarter, group_key, 'bookings but not every amount-weighted share' as problem
from metric_set_rows
where bookings_amount <> 0
    and all_booking_shares_set = 0
union all
select mart, fiscal_quarter, group_key, 'product line without bookings but with shares' as problem
from product_rows
where reps_selling = 0
    and (bookings_amount <> 0 or share_of_quarter <> 0 or all_booking_shares_null = 0)
