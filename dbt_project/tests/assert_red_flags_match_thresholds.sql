{#-
  SPEC: red_flags = sorted, comma-joined names of the thresholds breached, empty string when none; red_flag_count
  = their number; a NULL metric never raises a red flag. For every row of the by-rep, by-team and company marts:
  red_flag_count equals the number of comma-separated items in red_flags, and both match the thresholds of the
  quarter's strategy version (strategy.strategy_red_flags: flag raised when the metric is below the threshold, or
  above it for a flag with is_raised_above). A team's `no_approved_plan` (SPEC "Sales alignment plans") is no
  threshold: it counts as one item beyond them, and assert_no_approved_plan_flags checks when it is raised.
  Fails with one row per inconsistent row.
-#}
{%- set flagged_metrics = onstrategy.flaggable_metrics() -%}
{%- set comma_count = dbt.length('red_flags') ~ ' - ' ~ dbt.length(dbt.replace('red_flags', "','", "''")) -%}

with adherence_rows as (
    {%- for mart, group_key in [('fct_strategy_adherence_by_rep', 'rep_id'),
                                ('fct_strategy_adherence_by_team', 'team'),
                                ('fct_strategy_adherence_company', "'company'")] %}
    select
        '{{ mart }}' as mart,
        fiscal_quarter,
        {{ group_key }} as group_key,
        version_id,
        red_flags,
        red_flag_count,
        case when red_flags = '' then 0 else {{ comma_count }} + 1 end as items_in_red_flags,
        case
            when {{ dbt.position("',no_approved_plan,'", dbt.concat(["','", "red_flags", "','"])) }} > 0 then 1
            else 0
        end as plan_flags
        {%- for metric in flagged_metrics %},
        {{ metric }}{% endfor %}
    from {{ ref(mart) }}
    {{ "union all" if not loop.last }}
    {%- endfor %}
),

metric_values as (
    {%- for metric in flagged_metrics %}
    select
        mart, fiscal_quarter, group_key, version_id, red_flags,
        '{{ metric }}' as metric, {{ metric }} as metric_value
    from adherence_rows
    {{ "union all" if not loop.last }}
    {%- endfor %}
),

breached_flags as (
    select
        metric_values.mart,
        metric_values.fiscal_quarter,
        metric_values.group_key,
        count(*) as flags_breached,
        sum(
            case
                when {{ dbt.position(dbt.concat(["','", "thresholds.flag_name", "','"]),
                                     dbt.concat(["','", "metric_values.red_flags", "','"])) }} > 0 then 1
                else 0
            end
        ) as breached_flags_listed
    from metric_values
    inner join {{ ref('stg_strategy__red_flags') }} as thresholds
        on thresholds.version_id = metric_values.version_id
        and thresholds.metric = metric_values.metric
    where
        case
            when thresholds.is_raised_above then metric_values.metric_value > thresholds.threshold
            else metric_values.metric_value < thresholds.threshold
        end
    group by metric_values.mart, metric_values.fiscal_quarter, metric_values.group_key
)

select
    adherence_rows.mart,
    adherence_rows.fiscal_quarter,
    adherence_rows.group_key,
    adherence_rows.red_flags,
    adherence_rows.red_flag_count,
    adherence_rows.items_in_red_flags,
    coalesce(breached_flags.flags_breached, 0) as flags_breached,
    coalesce(breached_flags.breached_flags_listed, 0) as breached_flags_listed
from adherence_rows
left join breached_flags
    on breached_flags.mart = adherence_rows.mart
    and breached_flags.fiscal_quarter = adherence_rows.fiscal_quarter
    and breached_flags.group_key = adherence_rows.group_key
where adherence_rows.red_flags is null
    or adherence_rows.red_flag_count is null
    or adherence_rows.red_flag_count <> adherence_rows.items_in_red_flags
    or adherence_rows.red_flag_count <> coalesce(breached_flags.flags_breached, 0) + adherence_rows.plan_flags
    or coalesce(breached_flags.breached_flags_listed, 0) <> coalesce(breached_flags.flags_breached, 0)
