{#- One row per booking line, judged by the strategy version in force on its CloseDate (SPEC "Metric definitions"),
    with its strategy credit (SPEC "Strategy credit and quota") and, when off strategy, whether that was justified
    (SPEC "Justified off-strategy business"):
    - credit_multiplier: the product of the multipliers of the version's credit rules whose predicate holds (1 when
      none does); raw_credit = amount * multiplier; strategy_credit = raw_credit * k, where k = the quarter's
      bookings / its raw credit when the quarter's version is budget-neutral (NULL when the raw credit is 0), else 1;
    - off_strategy_status: on_strategy; else justified (an exception for the opportunity, or for its account,
      approved on or before the CloseDate and not expired on it); else easy (the opportunity took at most the
      quarter's 25th percentile of minutes per $1k among on-strategy wins); else unjustified. -#}
{%- set quarter_window = 'over (partition by credited_lines.fiscal_quarter_index)' %}
{%- set raw_credit = 'credited_lines.amount * credited_lines.credit_multiplier' %}

with lines as (
    select
        booking_lines.*,
        motions.growth_motion
    from {{ ref('int_booking_lines') }} as booking_lines
    inner join {{ ref('int_booking_growth_motions') }} as motions
        on motions.booking_line_id = booking_lines.booking_line_id
),

version_multipliers as (
    -- one row per version, the multiplier of each predicate (null where no rule names it: no change)
    select
        versions.version_id
        {%- for when in onstrategy.credit_predicates() %},
        max(case when rules.predicate = '{{ when }}' then rules.multiplier end) as {{ when }}_multiplier{% endfor %}
    from {{ ref('stg_strategy__versions') }} as versions
    left join {{ ref('stg_strategy__credit_rules') }} as rules on rules.version_id = versions.version_id
    group by versions.version_id
),

credited_lines as (
    select
        lines.*,
        1
        {%- for predicate, condition in onstrategy.credit_predicates().items() %}
        * case when {{ condition }} then coalesce(version_multipliers.{{ predicate }}_multiplier, 1) else 1 end
        {%- endfor %}
            as credit_multiplier
    from lines
    inner join version_multipliers on version_multipliers.version_id = lines.version_id
),

quarter_credit as (
    select
        credited_lines.*,
        credited_lines.amount * credited_lines.credit_multiplier as raw_credit,
        case
            when versions.credit_budget_neutral
                then {{ onstrategy.exact_sum('credited_lines.amount', quarter_window) }}
                    / nullif({{ onstrategy.exact_sum(raw_credit, quarter_window) }}, 0)
            else 1
        end as credit_scale
    from credited_lines
    inner join {{ ref('int_fiscal_quarters') }} as quarters
        on quarters.fiscal_quarter_index = credited_lines.fiscal_quarter_index
    inner join {{ ref('stg_strategy__versions') }} as versions on versions.version_id = quarters.quarter_version_id
),

line_exceptions as (
    -- the exception that justifies an off-strategy line: the opportunity's own before its account's, then the most
    -- recently approved
    select
        booking_line_id,
        reason,
        approved_by
    from (
        select
            lines.booking_line_id,
            exceptions.reason,
            exceptions.approved_by,
            row_number() over (
                partition by lines.booking_line_id
                order by
                    case when exceptions.opportunity_id is not null then 0 else 1 end asc,
                    exceptions.approved_on desc,
                    exceptions.exception_order asc
            ) as match_rank
        from lines
        inner join {{ ref('stg_strategy__exceptions') }} as exceptions
            on (
                exceptions.opportunity_id = lines.opportunity_id
                or exceptions.account_id = lines.account_id
            )
            and exceptions.approved_on <= lines.close_date
            and (exceptions.expires_on is null or exceptions.expires_on > lines.close_date)
        where not lines.is_on_strategy
    ) as ranked_exceptions
    where match_rank = 1
)

select
    quarter_credit.booking_line_id,
    quarter_credit.opportunity_id,
    quarter_credit.opportunity_line_item_id,
    quarter_credit.opportunity_name,
    quarter_credit.account_id,
    quarter_credit.rep_id,
    quarter_credit.team,
    quarter_credit.close_date,
    quarter_credit.fiscal_quarter,
    quarter_credit.fiscal_quarter_index,
    quarter_credit.version_id,
    quarter_credit.product_id,
    quarter_credit.product_line,
    quarter_credit.segment,
    quarter_credit.persona,
    quarter_credit.currency,
    quarter_credit.amount_original,
    quarter_credit.amount,
    quarter_credit.is_icp,
    quarter_credit.is_target_account,
    quarter_credit.is_on_strategy,
    quarter_credit.off_strategy_reason,
    quarter_credit.growth_motion,
    quarter_credit.is_target_persona,
    quarter_credit.is_strategic_product,
    quarter_credit.is_deprioritized_product,
    quarter_credit.is_new_product,
    quarter_credit.is_new_segment_sale,
    quarter_credit.credit_multiplier,
    quarter_credit.raw_credit,
    quarter_credit.raw_credit * quarter_credit.credit_scale as strategy_credit,
    case
        when quarter_credit.is_on_strategy then 'on_strategy'
        when line_exceptions.booking_line_id is not null then 'justified'
        when efforts.minutes_per_1k <= efforts.easy_threshold_minutes_per_1k then 'easy'
        else 'unjustified'
    end as off_strategy_status,
    line_exceptions.reason as exception_reason,
    line_exceptions.approved_by as exception_approved_by,
    efforts.effort_minutes,
    efforts.minutes_per_1k
from quarter_credit
inner join {{ ref('int_won_opportunity_effort') }} as efforts
    on efforts.opportunity_id = quarter_credit.opportunity_id
left join line_exceptions on line_exceptions.booking_line_id = quarter_credit.booking_line_id
