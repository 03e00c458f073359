{#- Each fiscal quarter of a plan version's baseline window (int_alignment_baselines), once per such version: the
    bridge that lets the adherence macro compute a team's metrics over the window (period 'plan_baseline'). -#}
select
    baselines.plan_version_id,
    quarters.fiscal_quarter_index
from {{ ref('int_alignment_baselines') }} as baselines
inner join {{ ref('int_fiscal_quarters') }} as quarters
    on quarters.fiscal_quarter_index between baselines.baseline_first_quarter_index
    and baselines.baseline_last_quarter_index
