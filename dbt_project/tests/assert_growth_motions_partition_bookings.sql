{#-
  SPEC: every booking line has exactly one growth motion (new_logo, cross_sell, new_persona, expansion), so the
  motions partition bookings: per quarter the amounts by motion add up to the quarter's bookings (company mart),
  and in every group with bookings the four motion shares add up to 1.
  Fails with one row per problem.
-#}
with booking_lines as (
    select
        fiscal_quarter,
        booking_line_id,
        amount,
        (
            case when growth_motion = 'new_logo' then 1 else 0 end
            + case when growth_motion = 'cross_sell' then 1 else 0 end
            + case when growth_motion = 'new_persona' then 1 else 0 end
            + case when growth_motion = 'expansion' then 1 else 0 end
        ) as motions
    from {{ ref('fct_bookings') }}
),

lines_without_one_motion as (
    select
        'booking line without exactly one growth motion' as problem,
        fiscal_quarter,
        booking_line_id as group_key,
        cast(motions as {{ onstrategy.type_double() }}) as actual,
        cast(1 as {{ onstrategy.type_double() }}) as expected
    from booking_lines
    where motions <> 1
),

motion_amounts as (
    select fiscal_quarter, sum(case when motions = 1 then amount else 0 end) as amount_by_motion
    from booking_lines
    group by fiscal_quarter
),

company_quarters as (
    select fiscal_quarter, bookings_amount
    from {{ ref('fct_strategy_adherence_company') }}
    where bookings_amount <> 0
),

motion_totals_off as (
    select
        'sum of amounts by growth motion differs from company bookings_amount' as problem,
        coalesce(motion_amounts.fiscal_quarter, company_quarters.fiscal_quarter) as fiscal_quarter,
        'company' as group_key,
        motion_amounts.amount_by_motion as actual,
        company_quarters.bookings_amount as expected
    from motion_amounts
    full outer join company_quarters on company_quarters.fiscal_quarter = motion_amounts.fiscal_quarter
    where abs(coalesce(motion_amounts.amount_by_motion, 0) - coalesce(company_quarters.bookings_amount, 0)) > 0.01
),

motion_shares as (
    select
        'fct_strategy_adherence_by_rep' as mart, fiscal_quarter, rep_id as group_key,
        new_logo_share, cross_sell_share, new_persona_share, expansion_share
    from {{ ref('fct_strategy_adherence_by_rep') }}
    union all
    select
        'fct_strategy_adherence_by_team' as mart, fiscal_quarter, team as group_key,
        new_logo_share, cross_sell_share, new_persona_share, expansion_share
    from {{ ref('fct_strategy_adherence_by_team') }}
    union all
    select
        'fct_strategy_adherence_by_segment' as mart, fiscal_quarter, segment as group_key,
        new_logo_share, cross_sell_share, new_persona_share, expansion_share
    from {{ ref('fct_strategy_adherence_by_segment') }}
    union all
    select
        'fct_strategy_adherence_company' as mart, fiscal_quarter, 'company' as group_key,
        new_logo_share, cross_sell_share, new_persona_share, expansion_share
    from {{ ref('fct_strategy_adherence_company') }}
),

motion_shares_off as (
    select
        {{ dbt.concat(["mart", "': growth motion shares do not add up to 1'"]) }} as problem,
        fiscal_quarter,
        group_key,
        new_logo_share + cross_sell_share + new_persona_share + expansion_share as actual,
        cast(1 as {{ onstrategy.type_double() }}) as expected
    from motion_shares
    where new_logo_share is not null
        and abs(new_logo_share + cross_sell_share + new_persona_share + expansion_share - 1) > 1e-6
),

motion_shares_partly_null as (
    select
        {{ dbt.concat(["mart", "': some growth motion shares NULL, others not'"]) }} as problem,
        fiscal_quarter,
        group_key,
        cast(null as {{ onstrategy.type_double() }}) as actual,
        cast(null as {{ onstrategy.type_double() }}) as expected
    from motion_shares
    where
        (new_logo_share is null or cross_sell_share is null or new_persona_share is null or expansion_share is null)
        and not (
            new_logo_share is null and cross_sell_share is null
            and new_persona_share is null and expansion_share is null
        )
)

select * from lines_without_one_motion
union all
select * from motion_totals_off
union all
select * from motion_shares_off
union all
select * from motion_shares_partly_null
