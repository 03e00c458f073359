-- The accounts that get a page: those with bookings in the last four quarters up to the as-of quarter or with an
-- open opportunity, i.e. every account a rep, segment, won-deal or pipeline table of the site names.
with recent_bookings as (
    select
        account_id,
        sum(amount) as bookings_amount,
        coalesce(sum(amount) filter (where is_on_strategy), 0) / nullif(sum(amount), 0) as on_strategy_share,
        count(distinct opportunity_id) as opportunities_won,
        count(distinct rep_id) as reps
    from marts.fct_bookings
    where fiscal_quarter_index between $q - 3 and $q and account_id is not null
    group by account_id
), open_pipeline as (
    select account_id, sum(amount) as open_pipeline_amount, count(*) as open_opportunities
    from marts.fct_pipeline
    where not is_closed and account_id is not null
    group by account_id
), paged_accounts as (
    select account_id from recent_bookings
    union
    select account_id from open_pipeline
)
select
    paged_accounts.account_id,
    coalesce(accounts.account_name, paged_accounts.account_id) as account_name,
    accounts.segment,
    accounts.industry,
    accounts.country_code,
    accounts.website_domain,
    accounts.is_icp,
    accounts.is_target_account,
    accounts.first_won_date,
    recent_bookings.bookings_amount,
    recent_bookings.on_strategy_share,
    recent_bookings.opportunities_won,
    recent_bookings.reps,
    open_pipeline.open_pipeline_amount,
    coalesce(open_pipeline.open_opportunities, 0) as open_opportunities
from paged_accounts
left join marts.dim_accounts as accounts on accounts.account_id = paged_accounts.account_id
left join recent_bookings on recent_bookings.account_id = paged_accounts.account_id
left join open_pipeline on open_pipeline.account_id = paged_accounts.account_id
order by account_name, paged_accounts.account_id
