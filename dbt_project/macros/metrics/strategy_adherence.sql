{#-
  The whole metric set for one grouping (rep, team or company) per fiscal quarter (`period='quarter'`), fiscal
  year (`period='year'`, SPEC "Fiscal years") or plan baseline (`period='plan_baseline'`: the four quarters before a
  version with alignment plans, SPEC "Sales alignment plans"), so those grains cannot drift; with `bridge` (int_rep_managers), a
  group is a manager and its rows are those of every rep under it (SPEC "Organisation"). Rows: every (group, period) with
  bookings, activities or pipeline created. Each booking line keeps the judgement of its own version (fct_bookings);
  the period's version (int_fiscal_quarters / int_fiscal_years) sets the target mix, objectives and red flags, which
  are generic: metric values are unpivoted and joined to the version's objectives and thresholds by metric name.
  `extra_flags`: a query of (the group's keys, flag_name) for flags no metric threshold raises (a team's
  `no_approved_plan`), listed with the others in red_flags.
-#}
{% macro strategy_adherence(group_columns, period='quarter', bridge=none, extra_flags=none) -%}
    {%- set period_key = onstrategy.period_key(period) -%}
    {%- set keys = group_columns + [period_key] -%}
    {%- set key_list = keys | join(', ') -%}
    {%- set registry = onstrategy.metric_registry() -%}
    {#- the CTE that holds the metrics of each source -#}
    {%- set metric_ctes = {'bookings': 'booking_metrics', 'balance': 'balance_scores', 'effort': 'effort_metrics',
                           'activities': 'activity_metrics', 'pipeline': 'pipeline_metrics'} -%}
    with bookings as (
        {{ onstrategy.period_facts('fct_bookings', period, bridge=bridge) }}
    ),

    won_opportunities as (
        {{ onstrategy.period_facts('int_won_opportunity_effort', period, bridge=bridge) }}
    ),

    activities as (
        {{ onstrategy.period_facts('fct_activities', period, bridge=bridge) }}
    ),

    pipeline_created as (
        {{ onstrategy.period_facts('fct_pipeline', period, 'fiscal_quarter_index is not null', bridge) }}
    ),

    booking_metrics as (
        select
            {{ key_list }},
            {{ onstrategy.select_metrics(onstrategy.metrics_of('bookings')) }}
        from bookings
        group by {{ key_list }}
    ),

    balance_scores as (
        {{ onstrategy.product_balance_scores(group_columns, period, bridge) }}
    ),

    {#- a won opportunity has booking lines, so its groups are among the booking metrics' -#}
    effort_metrics as (
        select
            {{ key_list }},
            {{ onstrategy.select_metrics(onstrategy.metrics_of('effort')) }}
        from won_opportunities
        group by {{ key_list }}
    ),

    activity_metrics as (
        select
            {{ key_list }},
            {{ onstrategy.select_metrics(onstrategy.metrics_of('activities')) }}
        from activities
        group by {{ key_list }}
    ),

    pipeline_metrics as (
        select
            {{ key_list }},
            {{ onstrategy.select_metrics(onstrategy.metrics_of('pipeline')) }}
        from pipeline_created
        group by {{ key_list }}
    ),

    {#- The keys come from the per-group metrics, not from the facts again: a second reader of a fact CTE makes
        DuckDB materialize it whole (docs/decisions.md, "Adherence keys from the metrics"). -#}
    group_quarters as (
        select {{ key_list }} from booking_metrics
        union
        select {{ key_list }} from activity_metrics
        union
        select {{ key_list }} from pipeline_metrics
    ),

    metrics as (
        select
            {% for key in group_columns %}group_quarters.{{ key }}, {% endfor %}
            {%- if period == 'year' %}
            periods.fiscal_year,
            group_quarters.fiscal_year_number,
            periods.year_version_id as version_id,
            {%- elif period == 'plan_baseline' %}
            group_quarters.plan_version_id,
            periods.version_id,
            {%- else %}
            periods.fiscal_quarter,
            group_quarters.fiscal_quarter_index,
            periods.quarter_version_id as version_id,
            {%- endif %}
            {%- for metric in onstrategy.adherence_columns()[1:] if metric not in onstrategy.metrics_of('adherence') %}
            {%- set column = metric_ctes[registry[metric].source] ~ '.' ~ metric %}
            {{ 'coalesce(' ~ column ~ ', 0)' if registry[metric].not_null else column }} as {{ metric }}
            {{- ',' if not loop.last }}
            {%- endfor %}
        from group_quarters
        inner join {{ ref(onstrategy.period_model(period)) }} as periods
            on periods.{{ period_key }} = group_quarters.{{ period_key }}
        left join booking_metrics on {{ onstrategy.join_keys(keys, 'group_quarters', 'booking_metrics') }}
        left join balance_scores on {{ onstrategy.join_keys(keys, 'group_quarters', 'balance_scores') }}
        left join effort_metrics on {{ onstrategy.join_keys(keys, 'group_quarters', 'effort_metrics') }}
        left join activity_metrics on {{ onstrategy.join_keys(keys, 'group_quarters', 'activity_metrics') }}
        left join pipeline_metrics on {{ onstrategy.join_keys(keys, 'group_quarters', 'pipeline_metrics') }}
    ),

    metric_names as (
        {%- for metric in onstrategy.flaggable_metrics() %}
        select '{{ metric }}' as metric {{ "union all" if not loop.last }}
        {%- endfor %}
    ),

    {#- One scan of `metrics` crossed with the names (a union of one select per metric would make engines that
        inline CTEs, like Spark, compute `metrics` once per metric). -#}
    metric_values as (
        select
            {{ key_list }},
            version_id,
            metric_names.metric,
            case metric_names.metric
                {%- for metric in onstrategy.flaggable_metrics() %}
                when '{{ metric }}' then {{ metric }}
                {%- endfor %}
            end as metric_value
        from metrics
        cross join metric_names
    ),

    adherence as (
        select
            {% for key in keys %}metric_values.{{ key }}, {% endfor %}
            100 * {{ onstrategy.exact_sum('objectives.weight * least(metric_values.metric_value / objectives.target, 1)') }}
                / {{ onstrategy.exact_sum('objectives.weight') }} as adherence_score
        from metric_values
        inner join {{ ref('stg_strategy__objectives') }} as objectives
            on objectives.version_id = metric_values.version_id
            and objectives.metric = metric_values.metric
        where metric_values.metric_value is not null
        group by {% for key in keys %}metric_values.{{ key }}{{ ", " if not loop.last }}{% endfor %}
    ),

    raised_flags as (
        select
            {% for key in keys %}metric_values.{{ key }}, {% endfor %}
            red_flags.flag_name
        from metric_values
        inner join {{ ref('stg_strategy__red_flags') }} as red_flags
            on red_flags.version_id = metric_values.version_id
            and red_flags.metric = metric_values.metric
        where
            case
                when red_flags.is_raised_above then metric_values.metric_value > red_flags.threshold
                else metric_values.metric_value < red_flags.threshold
            end
        {%- if extra_flags %}
        union all
        select {{ key_list }}, flag_name from ({{ extra_flags }}) as extra_flags
        {%- endif %}
    ),

    breached_flags as (
        select
            {{ key_list }},
            {{ dbt.listagg('flag_name', "','", 'order by flag_name') }} as red_flags,
            count(*) as red_flag_count
        from raised_flags
        group by {{ key_list }}
    )

    select
        metrics.*,
        adherence.adherence_score,
        coalesce(breached_flags.red_flags, '') as red_flags,
        coalesce(breached_flags.red_flag_count, 0) as red_flag_count
    from metrics
    left join adherence on {{ onstrategy.join_keys(keys, 'metrics', 'adherence') }}
    left join breached_flags on {{ onstrategy.join_keys(keys, 'metrics', 'breached_flags') }}
{%- endmacro %}

{#- The key column of a period: the quarter's index, the fiscal year's number, or the plan version's id. -#}
{% macro period_key(period) -%}
    {%- set keys = {'quarter': 'fiscal_quarter_index', 'year': 'fiscal_year_number',
                    'plan_baseline': 'plan_version_id'} -%}
    {%- if period not in keys -%}
        {{ exceptions.raise_compiler_error("strategy_adherence: period must be one of " ~ (keys | list | join(', '))
                                           ~ ", not " ~ period) }}
    {%- endif -%}
    {{ return(keys[period]) }}
{%- endmacro %}

{#- One row per period with the version that judges it: the fiscal quarters, the fiscal years, or the plan
    versions' baseline windows (int_alignment_baselines: the four quarters before a version with alignment plans). -#}
{% macro period_model(period) -%}
    {{ return({'quarter': 'int_fiscal_quarters', 'year': 'int_fiscal_years',
               'plan_baseline': 'int_alignment_baselines'}[period]) }}
{%- endmacro %}

{#- The rows of a fact model with the key of the period (`fiscal_year_number` from the quarter's fiscal year for a
    year; for a plan baseline, each row once per plan version whose window holds its quarter, with that
    `plan_version_id`); with `bridge` (int_rep_managers), each row once per manager above its rep, with that
    `manager_id`; `where`, a condition on the fact's columns. -#}
{% macro period_facts(model, period, where=none, bridge=none) -%}
    {%- if period != 'quarter' or bridge %}
        select
            facts.*
            {%- if period == 'year' %}, quarters.fiscal_year as fiscal_year_number{% endif %}
            {%- if period == 'plan_baseline' %}, baseline_quarters.plan_version_id{% endif %}
            {%- if bridge %}, bridge.manager_id{% endif %}
        from {{ ref(model) }} as facts
        {%- if period == 'year' %}
        inner join {{ ref('int_fiscal_quarters') }} as quarters
            on quarters.fiscal_quarter_index = facts.fiscal_quarter_index
        {%- elif period == 'plan_baseline' %}
        inner join {{ ref('int_alignment_baseline_quarters') }} as baseline_quarters
            on baseline_quarters.fiscal_quarter_index = facts.fiscal_quarter_index
        {%- endif %}
        {%- if bridge %}
        inner join {{ ref(bridge) }} as bridge on bridge.rep_id = facts.rep_id
        {%- endif %}
        {%- if where %}
        where facts.{{ where }}
        {%- endif %}
    {%- else %}
        select * from {{ ref(model) }}
        {%- if where %}
        where {{ where }}
        {%- endif %}
    {%- endif %}
{%- endmacro %}

{#- `right.k = left.k and ...` for every key column. -#}
{% macro join_keys(keys, left, right) -%}
    {% for key in keys %}{{ right }}.{{ key }} = {{ left }}.{{ key }}{{ " and " if not loop.last }}{% endfor %}
{%- endmacro %}
