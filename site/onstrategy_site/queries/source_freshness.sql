-- How far each source's newest record is behind the as-of date, with its traffic light: green within $fresh_days
-- days, amber within $stale_days, red beyond (or no record). The newest record is the ingest ledger's: the latest
-- modification time of a record in any file of the source (audit.ingested_files.newest_record_at, as the pipeline's
-- freshness checks read it); a warehouse without the ledger falls back on the marts' latest business dates.
with newest as (
{% if 'audit.ingested_files' in tables %}
    select source, max(newest_record_at) as newest_at, 'ledger' as basis
    from audit.ingested_files
    group by source
{% else %}
    select 'salesforce' as source, max(close_date)::timestamp as newest_at, 'bookings' as basis
    from marts.fct_bookings
{% if 'marts.fct_billing_lines' in tables %}
    union all
    select 'stripe', max(invoice_date)::timestamp, 'billing' from marts.fct_billing_lines
{% endif %}
{% endif %}
),

sources as (
    select source from (values ('salesforce'), ('stripe')) as expected (source)
    union
    select source from newest
),

behind as (
    select sources.source, newest.newest_at, newest.basis, as_of.as_of_date,
           -- a record dated after the as-of date is not behind; greatest() would make a missing one 0
           case when newest.newest_at is not null
                then greatest(date_diff('day', newest.newest_at::date, as_of.as_of_date), 0) end as days_behind
    from sources
    left join newest on newest.source = sources.source
    cross join marts.as_of as as_of
)

select source, newest_at::date as newest_date, strftime(newest_at, '%Y-%m-%d %H:%M') as newest_at, basis,
       as_of_date, days_behind,
       case when days_behind is null then 'none'
            when days_behind <= $fresh_days then 'green'
            when days_behind <= $stale_days then 'amber'
            else 'red' end as status
from behind
order by source
