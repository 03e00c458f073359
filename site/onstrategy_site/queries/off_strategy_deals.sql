-- Won opportunities with a line off strategy, one row per opportunity, closed in a quarter of the period selector
-- (the as-of quarter $q and the three before it) or in the as-of fiscal year to date ($fy): the status of its
-- off-strategy lines (justified / easy / unjustified: the same for every off-strategy line of an opportunity, as an
-- exception names the opportunity or its account and the effort is the opportunity's; the least justified should
-- they differ), why they are off strategy, the exception that justifies them and the effort the deal took.
with lines as (
    select *
    from marts.fct_bookings
    where fiscal_quarter_index between $q - 3 and $q or ($fy <> '' and fiscal_quarter like $fy || '-Q%')
), deals as (
    select
        opportunity_id,
        min(opportunity_name) as opportunity_name,
        min(account_id) as account_id,
        min(rep_id) as rep_id,
        min(team) as team,
        min(fiscal_quarter) as fiscal_quarter,
        min(fiscal_quarter_index) as fiscal_quarter_index,
        max(close_date) as close_date,
        sum(amount) as amount,
        sum(amount) filter (where off_strategy_status <> 'on_strategy') as off_strategy_amount,
        sum(strategy_credit) as strategy_credit,
        arg_max(off_strategy_status, case off_strategy_status when 'unjustified' then 3 when 'easy' then 2 else 1 end)
            filter (where off_strategy_status <> 'on_strategy') as off_strategy_status,
        min(exception_reason) as exception_reason,
        min(exception_approved_by) as exception_approved_by,
        max(effort_minutes) as effort_minutes,
        max(minutes_per_1k) as minutes_per_1k,
        list_sort(list_distinct(flatten(list(string_split(off_strategy_reason, ','))
                                        filter (where off_strategy_reason is not null)))) as off_strategy_reasons
    from lines
    group by opportunity_id
    having bool_or(off_strategy_status <> 'on_strategy')
)
select deals.*, coalesce(accounts.account_name, deals.account_id) as account_name, reps.rep_name
from deals
left join marts.dim_accounts as accounts on accounts.account_id = deals.account_id
left join marts.dim_reps as reps on reps.rep_id = deals.rep_id
order by deals.fiscal_quarter_index desc, deals.off_strategy_amount desc nulls last, deals.opportunity_id
