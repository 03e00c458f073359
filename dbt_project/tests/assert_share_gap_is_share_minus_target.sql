{#-
  SPEC: share_gap = share_of_quarter − target_share. Segments and product lines have a target (0 when none);
  teams and personas have no target mix, so their target_share and share_gap are NULL.
  Fails with one row per offending row.
-#}
with grain_rows as (
    select
        'fct_strategy_adherence_by_segment' as mart, fiscal_quarter, segment as group_key,
        share_of_quarter, target_share, share_gap, 1 as has_target_mix
    from {{ ref('fct_strategy_adherence_by_segment') }}
    union all
    select
        'fct_strategy_adherence_by_product' as mart, fiscal_quarter, product_line as group_key,
        share_of_quarter, target_share, share_gap, 1 as has_target_mix
    from {{ ref('fct_strategy_adherence_by_product') }}
    union all
    select
        'fct_strategy_adherence_by_team' as mart, fiscal_quarter, team as group_key,
        share_of_quarter, target_share, share_gap, 0 as has_target_mix
    from {{ ref('fct_strategy_adherence_by_team') }}
    union all
    select
        'fct_strategy_adherence_by_persona' as mart, fiscal_quarter, persona as group_key,
        share_of_quarter, target_share, share_gap, 0 as has_target_mix
    from {{ ref('fct_strategy_adherence_by_persona') }}
)

select *
from grain_rows
where
    (
        has_target_mix = 1
        and (target_share is null or share_gap is null or abs(share_gap - (share_of_quarter - target_share)) > 1e-9)
    )
    or (has_target_mix = 0 and (target_share is not null or share_gap is not null))
