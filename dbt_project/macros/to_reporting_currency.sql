{#- An amount in the reporting currency: amount / ConversionRate of its currency on its date (rate tables are
    joined by the caller as `fx`). The reporting currency, or an empty currency (single-currency orgs), is 1. -#}
{% macro to_reporting_currency(amount, currency, reporting_currency='settings.reporting_currency') -%}
    case
        when {{ currency }} is null or {{ currency }} = {{ reporting_currency }} then {{ amount }}
        else {{ amount }} / fx.conversion_rate
    end
{%- endmacro %}

{% macro join_fx_rate(currency, on_date) -%}
    left join {{ ref('int_fx_rates') }} as fx
        on fx.currency = {{ currency }}
        and fx.start_date <= {{ on_date }}
        and {{ on_date }} < fx.next_start_date
{%- endmacro %}
