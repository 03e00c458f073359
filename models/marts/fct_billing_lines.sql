{#- Paid Stripe invoice lines: billed revenue, linked to account and product line, converted at the invoice date.
    Segment and ICP status are the account's under the strategy version in force on the invoice date. -#}
with settings as (
    select reporting_currency from {{ ref('stg_strategy__settings') }}
),

currency_decimals as (
    select * from {{ ref('currency_decimals') }}
),

paid_lines as (
    select lines.*, {{ onstrategy.from_minor_units('lines.amount_minor', 'decimals.decimals') }} as amount_original
    from {{ ref('stg_stripe__invoice_lines') }} as lines
    left join currency_decimals as decimals on decimals.currency = lines.currency
    where lines.invoice_status = 'paid'
)

select
    paid_lines.invoice_id,
    paid_lines.invoice_line_id,
    paid_lines.customer_id,
    customers.account_id,
    coalesce(customers.match_method, 'unmatched') as match_method,
    paid_lines.invoice_date,
    calendar.fiscal_quarter,
    calendar.fiscal_quarter_index,
    calendar.version_id,
    segments.segment,
    segments.is_icp,
    paid_lines.product_id,
    coalesce(products.product_line, 'Unmapped') as product_line,
    paid_lines.currency,
    paid_lines.amount_original,
    {{ onstrategy.to_reporting_currency(
        'paid_lines.amount_original', 'paid_lines.currency', 'fx.conversion_rate', 'settings.reporting_currency'
    ) }} as amount
from paid_lines
cross join settings
left join {{ ref('int_billing_customer_accounts') }} as customers on customers.customer_id = paid_lines.customer_id
left join {{ ref('stg_stripe__products') }} as products on products.product_id = paid_lines.product_id
left join {{ ref('stg_strategy__fiscal_calendar') }} as calendar
    on calendar.date_day = paid_lines.invoice_date
left join {{ ref('int_account_segments') }} as segments
    on segments.account_id = customers.account_id
    and segments.version_id = calendar.version_id
left join {{ ref('stg_salesforce__fx_rates') }} as fx
    on fx.currency = paid_lines.currency
    and fx.start_date <= paid_lines.invoice_date
    and paid_lines.invoice_date < fx.next_start_date
