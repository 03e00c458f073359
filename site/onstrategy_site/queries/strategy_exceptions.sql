-- The strategy's exceptions (strategy.yml `exceptions:`, in their order: $kinds 'opportunity' or 'account',
-- $record_ids, $approved_on, $expires_on, NULL when open), each with the names of what it names and the won
-- business it justified: booking lines with off_strategy_status = 'justified' of the named opportunity, or of any
-- opportunity of the named account, closed while the exception was in force (approved_on <= close_date <
-- expires_on).
with named as (
    select
        unnest(range(len($record_ids::varchar[]))) as position,
        unnest($kinds::varchar[]) as kind,
        unnest($record_ids::varchar[]) as record_id,
        unnest($approved_on::date[]) as approved_on,
        unnest($expires_on::date[]) as expires_on
), opportunities as (
    select opportunity_id, min(opportunity_name) as opportunity_name, min(account_id) as account_id
    from (
        select opportunity_id, opportunity_name, account_id from marts.fct_bookings
{% if 'marts.fct_pipeline' in tables %}
        union all
        select opportunity_id, opportunity_name, account_id from marts.fct_pipeline
{% endif %}
    )
    group by opportunity_id
)
select
    named.position,
    named.kind,
    named.record_id,
    o.opportunity_name,
    coalesce(o.account_id, case when named.kind = 'account' then named.record_id end) as account_id,
    a.account_name,
    (select sum(b.amount) from marts.fct_bookings as b
     where b.off_strategy_status = 'justified'
       and b.close_date >= named.approved_on
       and (named.expires_on is null or b.close_date < named.expires_on)
       and ((named.kind = 'opportunity' and b.opportunity_id = named.record_id)
            or (named.kind = 'account' and b.account_id = named.record_id))) as justified_amount
from named
left join opportunities as o on named.kind = 'opportunity' and o.opportunity_id = named.record_id
left join marts.dim_accounts as a on a.account_id = coalesce(o.account_id, named.record_id)
order by named.position
