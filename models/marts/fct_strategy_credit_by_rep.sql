{#- Strategy credit against bookings and quota per seller and fiscal quarter (SPEC "Strategy credit and quota"):
    every seller with bookings in the quarter, and every seller with a quota for a quarter that had started by the
    data-through date (so a seller at 0% attainment is seen). Ranks are over the sellers with bookings. -#}
with rep_bookings as (
    select
        fiscal_quarter_index,
        rep_id,
        {{ onstrategy.exact_sum('amount') }} as bookings_amount,
        {{ onstrategy.exact_sum('strategy_credit') }} as strategy_credit
    from {{ ref('fct_bookings') }}
    group by fiscal_quarter_index, rep_id
),

ranked_bookings as (
    select
        *,
        rank() over (partition by fiscal_quarter_index order by bookings_amount desc) as bookings_rank,
        rank() over (partition by fiscal_quarter_index order by strategy_credit desc) as credit_rank
    from rep_bookings
),

rep_quotas as (
    select
        quotas.fiscal_quarter_index,
        quotas.owner_id as rep_id,
        {{ onstrategy.exact_sum('quotas.quota_amount') }} as quota
    from {{ ref('stg_salesforce__forecasting_quotas') }} as quotas
    inner join {{ ref('int_fiscal_quarters') }} as quarters
        on quarters.fiscal_quarter_index = quotas.fiscal_quarter_index
    cross join {{ ref('as_of') }} as as_of
    where quarters.fiscal_quarter_start <= as_of.data_through_date
    group by quotas.fiscal_quarter_index, quotas.owner_id
),

seller_quarters as (
    select
        coalesce(ranked_bookings.fiscal_quarter_index, rep_quotas.fiscal_quarter_index) as fiscal_quarter_index,
        coalesce(ranked_bookings.rep_id, rep_quotas.rep_id) as rep_id,
        coalesce(ranked_bookings.bookings_amount, 0) as bookings_amount,
        coalesce(ranked_bookings.strategy_credit, case when ranked_bookings.rep_id is null then 0 end)
            as strategy_credit,
        ranked_bookings.bookings_rank,
        ranked_bookings.credit_rank,
        rep_quotas.quota
    from ranked_bookings
    full outer join rep_quotas
        on rep_quotas.fiscal_quarter_index = ranked_bookings.fiscal_quarter_index
        and rep_quotas.rep_id = ranked_bookings.rep_id
)

select
    quarters.fiscal_quarter,
    seller_quarters.fiscal_quarter_index,
    seller_quarters.rep_id,
    reps.rep_name,
    reps.team,
    seller_quarters.bookings_amount,
    seller_quarters.strategy_credit,
    seller_quarters.strategy_credit / nullif(seller_quarters.bookings_amount, 0) as credit_ratio,
    seller_quarters.bookings_rank,
    seller_quarters.credit_rank,
    seller_quarters.bookings_rank - seller_quarters.credit_rank as rank_shift,
    seller_quarters.quota,
    seller_quarters.bookings_amount / nullif(seller_quarters.quota, 0) as attainment,
    seller_quarters.strategy_credit / nullif(seller_quarters.quota, 0) as credit_attainment,
    {{ onstrategy.is_complete_quarter('seller_quarters.fiscal_quarter_index', 'as_of') }} as is_complete_quarter,
    {{ onstrategy.is_as_of_quarter('seller_quarters.fiscal_quarter_index', 'as_of') }} as is_as_of_quarter
from seller_quarters
inner join {{ ref('dim_reps') }} as reps on reps.rep_id = seller_quarters.rep_id
inner join {{ ref('int_fiscal_quarters') }} as quarters
    on quarters.fiscal_quarter_index = seller_quarters.fiscal_quarter_index
cross join {{ ref('as_of') }} as as_of
where reps.is_seller
