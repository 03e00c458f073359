{#- Amounts in the reporting currency, and Stripe minor units in major units. The tables they read are the
    caller's joins, named by argument. -#}

{#- An amount in the reporting currency: `amount` / `rate`, the conversion rate of its currency on its date (the
    caller joins stg_salesforce__fx_rates on currency and date). The reporting currency, or an empty currency
    (single-currency orgs), is 1. -#}
{% macro to_reporting_currency(amount, currency, rate, reporting_currency) -%}
    case
        when {{ currency }} is null or {{ currency }} = {{ reporting_currency }} then {{ amount }}
        else {{ amount }} / {{ rate }}
    end
{%- endmacro %}

{#- A Stripe amount in minor units (text) as major units: `exponent` is the currency's number of decimals (the
    caller joins seeds/currency_decimals.csv); NULL for a currency not listed. -#}
{% macro from_minor_units(amount, exponent) -%}
    {{ onstrategy.parse_double(amount) }} / power(10, {{ exponent }})
{%- endmacro %}
