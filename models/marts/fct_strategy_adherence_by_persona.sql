{#- Bookings per buyer persona and quarter; personas have no target mix (target_share, share_gap NULL). -#}
with persona_shares as (
    {{ onstrategy.booking_group_shares('persona', onstrategy.group_mart_metrics('persona', 'bookings')) }}
),

balance_scores as (
    {{ onstrategy.product_balance_scores(['persona']) }}
)

select
    persona_shares.fiscal_quarter,
    persona_shares.fiscal_quarter_index,
    persona_shares.persona,
    target_personas.persona is not null as is_target_persona,
    persona_shares.bookings_amount,
    persona_shares.share_of_quarter,
    cast(null as {{ onstrategy.type_double() }}) as target_share,
    cast(null as {{ onstrategy.type_double() }}) as share_gap,
    persona_shares.reps_selling,
    persona_shares.accounts_won
    {%- for metric in onstrategy.group_mart_metrics('persona') %},
    {{ 'balance_scores' if metric in onstrategy.metrics_of('balance') else 'persona_shares' }}.{{ metric }}{% endfor %},
    {{ onstrategy.is_complete_quarter('persona_shares.fiscal_quarter_index', 'as_of') }} as is_complete_quarter,
    {{ onstrategy.is_as_of_quarter('persona_shares.fiscal_quarter_index', 'as_of') }} as is_as_of_quarter
from persona_shares
left join {{ ref('stg_strategy__target_personas') }} as target_personas
    on target_personas.version_id = persona_shares.quarter_version_id
    and target_personas.persona = persona_shares.persona
left join balance_scores
    on balance_scores.fiscal_quarter_index = persona_shares.fiscal_quarter_index
    and balance_scores.persona = persona_shares.persona
cross join {{ ref('as_of') }} as as_of
