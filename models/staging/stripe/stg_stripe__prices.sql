with latest_prices as (
    {{ onstrategy.latest_stripe_objects(source('stripe', 'prices'), ref('quarantine_stripe__prices')) }}
)

select
    id as price_id,
    {{ onstrategy.json_str('object_json', '$.product') }} as product_id,
    upper({{ onstrategy.json_str('object_json', '$.currency') }}) as currency,
    {{ onstrategy.sf_double(onstrategy.json_str('object_json', '$.unit_amount')) }} as unit_amount_minor,
    {{ onstrategy.json_str('object_json', '$.recurring.interval') }} as recurring_interval,
    {{ onstrategy.sf_double(onstrategy.json_str('object_json', '$.recurring.interval_count')) }}
        as recurring_interval_count,
    _source_file,
    _source_line
from latest_prices
