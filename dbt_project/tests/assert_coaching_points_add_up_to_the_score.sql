{#-
  SPEC "Coaching": fct_coaching is the breakdown of the adherence score. On every seller-quarter of
  fct_strategy_adherence_by_rep with bookings and a score, 100 - the points lost of its fct_coaching rows is the
  score (within 1e-9; a seller-quarter without rows fails), and fct_coaching has no other seller-quarter. A
  seller-quarter that lost any points has exactly one top gap, one that lost none has none; persistence is set on
  the top gap only, 1 + the previous quarter's when that quarter had the same top gap, else 1. One row per problem.
-#}
with seller_quarters as (
    select fiscal_quarter_index, fiscal_quarter, rep_id, adherence_score
    from {{ ref('fct_strategy_adherence_by_rep') }}
    where booking_lines > 0 and adherence_score is not null
),

coaching as (
    select * from {{ ref('fct_coaching') }}
),

coaching_totals as (
    select
        fiscal_quarter_index,
        fiscal_quarter,
        rep_id,
        sum(points_lost) as points_lost,
        count(case when points_lost > 0 then 1 end) as objectives_losing_points,
        count(case when is_top_gap then 1 end) as top_gaps
    from coaching
    group by fiscal_quarter_index, fiscal_quarter, rep_id
),

top_gaps as (
    select fiscal_quarter_index, fiscal_quarter, rep_id, metric, persistence_quarters
    from coaching
    where is_top_gap
)

select
    seller_quarters.fiscal_quarter,
    seller_quarters.rep_id,
    'score is not 100 - points lost' as problem
from seller_quarters
left join coaching_totals
    on coaching_totals.fiscal_quarter_index = seller_quarters.fiscal_quarter_index
    and coaching_totals.rep_id = seller_quarters.rep_id
where
    coaching_totals.rep_id is null
    or abs(100 - coaching_totals.points_lost - seller_quarters.adherence_score) > 1e-9

union all

select
    coaching_totals.fiscal_quarter,
    coaching_totals.rep_id,
    'coaching rows without a scored seller-quarter with bookings' as problem
from coaching_totals
left join seller_quarters
    on seller_quarters.fiscal_quarter_index = coaching_totals.fiscal_quarter_index
    and seller_quarters.rep_id = coaching_totals.rep_id
where seller_quarters.rep_id is null

union all

select
    fiscal_quarter,
    rep_id,
    'not exactly one top gap with points lost, none without' as problem
from coaching_totals
where top_gaps != case when objectives_losing_points > 0 then 1 else 0 end

union all

select
    coaching.fiscal_quarter,
    coaching.rep_id,
    'persistence set on a row that is not the top gap, or missing on one that is' as problem
from coaching
where coaching.is_top_gap != (coaching.persistence_quarters is not null)

union all

select
    top_gaps.fiscal_quarter,
    top_gaps.rep_id,
    'persistence is not 1 + the previous quarter''s same top gap' as problem
from top_gaps
left join top_gaps as previous_gaps
    on previous_gaps.fiscal_quarter_index = top_gaps.fiscal_quarter_index - 1
    and previous_gaps.rep_id = top_gaps.rep_id
    and previous_gaps.metric = top_gaps.metric
where top_gaps.persistence_quarters != 1 + coalesce(previous_gaps.persistence_quarters, 0)
