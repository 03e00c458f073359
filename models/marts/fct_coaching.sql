{#- Where each seller's adherence points went (SPEC "Coaching"): per seller and fiscal quarter with bookings, a row
    per objective of the quarter's strategy version whose actual is not NULL, with the points it lost. The score's
    objectives are those the adherence score uses (fct_strategy_adherence_by_rep: the version in force on the
    quarter's first day, objectives with a NULL actual left out of the weights), so 100 - the points lost is the
    score (assert_coaching_points_add_up_to_the_score). The top gap and its persistence: docs/decisions.md,
    "Coaching: the top gap". -#}
with seller_quarters as (
    select *
    from {{ ref('fct_strategy_adherence_by_rep') }}
    where booking_lines > 0
),

{# The objective's metric taken from the seller's metric columns: one scan of the mart joined to the version's
   objectives, not a union of one select per metric. #}
objective_actuals as (
    select
        seller_quarters.fiscal_quarter,
        seller_quarters.fiscal_quarter_index,
        seller_quarters.rep_id,
        seller_quarters.rep_name,
        seller_quarters.team,
        seller_quarters.version_id,
        seller_quarters.adherence_score,
        objectives.metric,
        case objectives.metric
            {%- for metric in onstrategy.objective_metrics() %}
            when '{{ metric }}' then seller_quarters.{{ metric }}
            {%- endfor %}
        end as actual,
        objectives.target,
        objectives.weight
    from seller_quarters
    inner join {{ ref('stg_strategy__objectives') }} as objectives
        on objectives.version_id = seller_quarters.version_id
),

scored_objectives as (
    select
        *,
        {{ onstrategy.exact_sum('weight', 'over (partition by fiscal_quarter_index, rep_id)') }} as scored_weight
    from objective_actuals
    where actual is not null
),

points as (
    select
        *,
        100 * weight * (1 - least(actual / target, 1)) / scored_weight as points_lost
    from scored_objectives
),

{# Largest points lost first, ties by metric name; points equal to 9 decimals are a tie, so two objectives
   losing the same points by different arithmetic are ordered by name, not by a last-bit rounding difference. #}
ranked_points as (
    select
        *,
        row_number() over (
            partition by fiscal_quarter_index, rep_id
            order by round(points_lost, 9) desc, metric asc
        ) as gap_rank
    from points
),

{# Consecutive quarters with the same top gap form an island: within one (seller, metric), the quarter index
   minus the row number is constant along a run of consecutive quarters and changes after a gap. #}
top_gaps as (
    select
        fiscal_quarter_index,
        rep_id,
        metric,
        fiscal_quarter_index
        - row_number() over (partition by rep_id, metric order by fiscal_quarter_index) as island
    from ranked_points
    where gap_rank = 1 and points_lost > 0
),

top_gap_persistence as (
    select
        fiscal_quarter_index,
        rep_id,
        metric,
        row_number() over (partition by rep_id, metric, island order by fiscal_quarter_index) as persistence_quarters
    from top_gaps
)

select
    ranked_points.fiscal_quarter,
    ranked_points.fiscal_quarter_index,
    reps.manager_id,
    reps.manager_name,
    ranked_points.rep_id,
    ranked_points.rep_name,
    ranked_points.team,
    ranked_points.version_id,
    ranked_points.metric,
    topics.topic,
    ranked_points.actual,
    ranked_points.target,
    ranked_points.weight,
    ranked_points.points_lost,
    top_gap_persistence.rep_id is not null as is_top_gap,
    top_gap_persistence.persistence_quarters,
    ranked_points.adherence_score,
    {{ onstrategy.is_complete_quarter('ranked_points.fiscal_quarter_index', 'as_of') }} as is_complete_quarter,
    {{ onstrategy.is_as_of_quarter('ranked_points.fiscal_quarter_index', 'as_of') }} as is_as_of_quarter
from ranked_points
left join top_gap_persistence
    on top_gap_persistence.fiscal_quarter_index = ranked_points.fiscal_quarter_index
    and top_gap_persistence.rep_id = ranked_points.rep_id
    and top_gap_persistence.metric = ranked_points.metric
left join {{ ref('dim_reps') }} as reps on reps.rep_id = ranked_points.rep_id
left join {{ ref('coaching_topics') }} as topics on topics.metric = ranked_points.metric
cross join {{ ref('as_of') }} as as_of
