{#-
  By-team sums equal company totals, like by-rep (every rep has exactly one team today): per fiscal quarter the
  additive columns of fct_strategy_adherence_by_team summed over teams equal fct_strategy_adherence_company
  (amounts within 0.01, counts exactly), and the teams' share_of_quarter adds up to 1 in a quarter with bookings.
-#}
with mismatched_totals as (
    {{ onstrategy.group_totals_mismatches('fct_strategy_adherence_by_team') }}
),

team_shares as (
    select fiscal_quarter, sum(share_of_quarter) as share_of_quarter
    from {{ ref('fct_strategy_adherence_by_team') }}
    group by fiscal_quarter
)

select * from mismatched_totals
union all
select
    team_shares.fiscal_quarter,
    'share_of_quarter' as metric,
    team_shares.share_of_quarter as sum_of_groups,
    cast(1 as {{ onstrategy.type_double() }}) as company_value
from team_shares
inner join {{ ref('fct_strategy_adherence_company') }} as company on company.fiscal_quarter = team_shares.fiscal_quarter
where company.bookings_amount <> 0
    and (team_shares.share_of_quarter is null or abs(team_shares.share_of_quarter - 1) > 1e-6)
