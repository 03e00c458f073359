-- Won opportunities closed in the last four quarters up to the as-of quarter, one row per opportunity: amount, the
-- share of it on strategy, the product lines and the reasons its off-strategy lines are off strategy.
with won_lines as (
    select
        opportunity_id,
        opportunity_name,
        account_id,
        rep_id,
        fiscal_quarter,
        fiscal_quarter_index,
        close_date,
        product_line,
        amount,
        is_on_strategy,
        string_split(off_strategy_reason, ',') as reasons
    from marts.fct_bookings
    where fiscal_quarter_index between $q - 3 and $q
), deals as (
    select
        opportunity_id,
        min(opportunity_name) as opportunity_name,
        min(account_id) as account_id,
        min(rep_id) as rep_id,
        min(fiscal_quarter) as fiscal_quarter,
        min(fiscal_quarter_index) as fiscal_quarter_index,
        max(close_date) as close_date,
        sum(amount) as amount,
        coalesce(sum(amount) filter (where is_on_strategy), 0) / nullif(sum(amount), 0) as on_strategy_share,
        list_sort(list_distinct(list(product_line))) as product_lines,
        list_sort(list_distinct(flatten(list(reasons) filter (where reasons is not null)))) as off_strategy_reasons
    from won_lines
    group by opportunity_id
)
select
    deals.*,
    coalesce(accounts.account_name, deals.account_id) as account_name,
    reps.rep_name
from deals
left join marts.dim_accounts as accounts on accounts.account_id = deals.account_id
left join marts.dim_reps as reps on reps.rep_id = deals.rep_id
order by deals.fiscal_quarter_index desc, deals.amount desc nulls last, deals.opportunity_id
