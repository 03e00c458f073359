{#- Row-level validation of Stripe objects (SPEC "Bad records never vanish silently"): the lines of one object that
    cannot be used, with the reason and the field, like the Salesforce quarantine (quarantine/records.sql). A line
    that is not JSON is quarantined first (`invalid_json`); the checks are (reason, field, condition) triples over
    the fields of its base_stripe__ model (alias `raw_records`) and the aliases of the joins the model writes. -#}

{#- Unix-seconds timestamp fields that do not hold a number. -#}
{% macro stripe_timestamp_checks(fields) -%}
    {%- set checks = [] -%}
    {%- for field in fields -%}
        {%- set value = 'raw_records.' ~ field -%}
        {%- do checks.append(('unparseable_date', field, onstrategy.is_present(value) ~ " and "
                              ~ onstrategy.parse_double(value) ~ " is null")) -%}
    {%- endfor -%}
    {{ return(checks) }}
{%- endmacro %}

{#- A currency that cannot be converted: not in seeds/currency_decimals.csv (no minor units), or neither the
    reporting currency nor one with conversion rates in stg_salesforce__fx_rates. -#}
{% macro stripe_currency_check() -%}
    {%- set currency = "upper(raw_records.currency)" -%}
    {{ return(('unknown_currency', 'currency', onstrategy.is_present(currency)
               ~ " and (currency_decimals.currency is null or (" ~ currency ~ " <> settings.reporting_currency"
               ~ " and rated_currencies.currency is null))",
               [onstrategy.settings_join(),
                'left join ' ~ ref('currency_decimals') ~ ' as currency_decimals'
                ~ ' on currency_decimals.currency = ' ~ currency,
                'left join (select distinct currency from ' ~ ref('stg_salesforce__fx_rates') ~ ') as rated_currencies'
                ~ ' on rated_currencies.currency = ' ~ currency])) }}
{%- endmacro %}

{#- The quarantine of one Stripe object: not JSON, no id, a conflicting duplicate in a batch, then `checks`. The
    checks read the fields of its base_stripe__ model; the quarantined lines keep the raw columns only, their JSON
    read back from the raw table. -#}
{% macro quarantine_stripe_objects(object_name, checks=[]) -%}
    {{ onstrategy.quarantine_records(
        ref('base_stripe__' ~ object_name), checks, key='id',
        leading_checks=[('invalid_json', 'object_json', 'not raw_records._is_valid_json')],
        columns=['id', 'object_json', '_source_file', '_source_line', '_batch_rank'],
        documents=source('stripe', object_name), document_columns=['object_json']
    ) }}
{%- endmacro %}

{#- Stripe amounts and quantities are whole numbers: one that is not (text, a fraction, NaN), or is beyond any real
    value, would fail an exact sum or a decimal conversion in a mart, so its object is quarantined instead.
    `whole_number_checks(value, field, minimum, maximum)`: (reason, field, condition) checks of a text expression;
    `element_checks(list_field, field, minimum, maximum)`: the same for every element of a list column of the base
    model (`raw_records.<list_field>`: an invoice's line amounts), any bad element quarantining the object. -#}
{% macro whole_number_problems(value, minimum, maximum) -%}
    {%- set number = onstrategy.parse_double(value) -%}
    {{ return({
        'unparseable_number': onstrategy.is_present(value) ~ " and (" ~ number ~ " is null or not "
                              ~ onstrategy.is_finite(number) ~ " or " ~ number ~ " <> round(" ~ number ~ ", 0))",
        'number_out_of_range': "(" ~ number ~ " < " ~ minimum ~ " or " ~ number ~ " > " ~ maximum ~ ")",
    }) }}
{%- endmacro %}

{% macro whole_number_checks(value, field, minimum, maximum) -%}
    {%- set checks = [] -%}
    {%- for reason, condition in onstrategy.whole_number_problems(value, minimum, maximum).items() -%}
        {%- do checks.append((reason, field, condition)) -%}
    {%- endfor -%}
    {{ return(checks) }}
{%- endmacro %}

{% macro element_checks(list_field, field, minimum, maximum) -%}
    {%- set checks = [] -%}
    {%- for reason, condition in onstrategy.whole_number_problems('element_text', minimum, maximum).items() -%}
        {%- do checks.append((reason, field, onstrategy.any_element('raw_records.' ~ list_field, 'element_text',
                                                                    condition))) -%}
    {%- endfor -%}
    {{ return(checks) }}
{%- endmacro %}

{#- The plausible range of a Stripe amount in minor units, and of a quantity. -#}
{% macro stripe_amount_range() -%}{{ return((-1000000000000000, 1000000000000000)) }}{%- endmacro %}

{% macro stripe_quantity_range() -%}{{ return((0, 1000000000)) }}{%- endmacro %}
