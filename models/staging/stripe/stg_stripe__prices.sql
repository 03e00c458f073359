with latest_prices as (
    {{ onstrategy.latest_stripe_objects(ref('base_stripe__prices'), ref('quarantine_stripe__prices')) }}
)

select
    id as price_id,
    product as product_id,
    upper(currency) as currency,
    {{ onstrategy.parse_double('unit_amount') }} as unit_amount_minor,
    recurring_interval,
    {{ onstrategy.parse_double('recurring_interval_count') }} as recurring_interval_count,
    _source_file,
    _source_line
from latest_prices
