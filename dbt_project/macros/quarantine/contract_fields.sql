{#- Generated from orchestration/onstrategy/ingest/contracts.py by `make generate`: do not edit.
    The typed fields of each Salesforce object: (field, parser, minimum, maximum); the quarantine
    builds its type checks from them (contract_checks in macros/quarantine/records.sql). -#}
{% macro contract_fields(object_name) -%}
    {%- set fields = {
        "User": [
            ("IsActive", "boolean", none, none),
            ("SystemModstamp", "datetime", none, none),
        ],
        "UserRole": [
            ("SystemModstamp", "datetime", none, none),
        ],
        "Account": [
            ("NumberOfEmployees", "number", 0, 100000000),
            ("AnnualRevenue", "number", -1000000000000000000, 1000000000000000000),
            ("CreatedDate", "datetime", "1900-01-01", "2199-12-31"),
            ("IsDeleted", "boolean", none, none),
            ("SystemModstamp", "datetime", none, none),
        ],
        "Contact": [
            ("IsDeleted", "boolean", none, none),
            ("SystemModstamp", "datetime", none, none),
        ],
        "Product2": [
            ("IsActive", "boolean", none, none),
            ("SystemModstamp", "datetime", none, none),
        ],
        "Opportunity": [
            ("Amount", "number", -1000000000000000, 1000000000000000),
            ("Probability", "number", 0, 100),
            ("CloseDate", "date", "1900-01-01", "2199-12-31"),
            ("IsClosed", "boolean", none, none),
            ("IsWon", "boolean", none, none),
            ("CreatedDate", "date", "1900-01-01", "2199-12-31"),
            ("IsDeleted", "boolean", none, none),
            ("SystemModstamp", "datetime", none, none),
        ],
        "OpportunityLineItem": [
            ("Quantity", "number", -10000000000, 10000000000),
            ("UnitPrice", "number", -1000000000000000, 1000000000000000),
            ("TotalPrice", "number", -1000000000000000, 1000000000000000),
            ("IsDeleted", "boolean", none, none),
            ("SystemModstamp", "datetime", none, none),
        ],
        "OpportunityContactRole": [
            ("IsPrimary", "boolean", none, none),
            ("IsDeleted", "boolean", none, none),
            ("SystemModstamp", "datetime", none, none),
        ],
        "Task": [
            ("ActivityDate", "date", "1900-01-01", "2199-12-31"),
            ("IsDeleted", "boolean", none, none),
            ("SystemModstamp", "datetime", none, none),
        ],
        "Event": [
            ("ActivityDate", "date", "1900-01-01", "2199-12-31"),
            ("DurationInMinutes", "number", 0, 100000000),
            ("IsDeleted", "boolean", none, none),
            ("SystemModstamp", "datetime", none, none),
            ("ActivityDateTime", "datetime", "1900-01-01", "2199-12-31"),
        ],
        "DatedConversionRate": [
            ("ConversionRate", "number", none, 1000000000000),
            ("StartDate", "date", none, none),
            ("NextStartDate", "date", none, none),
            ("SystemModstamp", "datetime", none, none),
        ],
        "ForecastingQuota": [
            ("StartDate", "date", "1900-01-01", "2199-12-31"),
            ("QuotaAmount", "number", -1000000000000000, 1000000000000000),
            ("IsDeleted", "boolean", none, none),
            ("SystemModstamp", "datetime", none, none),
        ],
    } -%}
    {{ return(fields[object_name]) }}
{%- endmacro %}

{#- The keyed Salesforce objects: (object, raw table, staging model, has IsDeleted), and the Stripe
    objects: (object, staging model); audit.load_reconciliation counts every record of each. -#}
{% macro reconciled_salesforce_objects() -%}
    {{ return([
        ("User", "user", "stg_salesforce__users", false),
        ("UserRole", "user_role", "stg_salesforce__user_roles", false),
        ("Account", "account", "stg_salesforce__accounts", true),
        ("Contact", "contact", "stg_salesforce__contacts", true),
        ("Product2", "product2", "stg_salesforce__products", false),
        ("Opportunity", "opportunity", "stg_salesforce__opportunities", true),
        ("OpportunityLineItem", "opportunity_line_item", "stg_salesforce__opportunity_line_items", true),
        ("OpportunityContactRole", "opportunity_contact_role", "stg_salesforce__opportunity_contact_roles", true),
        ("Task", "task", "stg_salesforce__tasks", true),
        ("Event", "event", "stg_salesforce__events", true),
        ("ForecastingQuota", "forecasting_quota", "stg_salesforce__forecasting_quotas", true),
    ]) }}
{%- endmacro %}

{% macro reconciled_stripe_objects() -%}
    {{ return([
        ("customers", "stg_stripe__customers"),
        ("products", "stg_stripe__products"),
        ("prices", "stg_stripe__prices"),
        ("subscriptions", "stg_stripe__subscriptions"),
        ("invoices", "stg_stripe__invoices"),
    ]) }}
{%- endmacro %}

{#- A Salesforce Id in its 18-character form (a 15-character Id gets its case-safe checksum; any
    other value is unchanged): the rule of onstrategy/ingest/salesforce_ids.py, for Ids inside other
    sources. -#}
{% macro salesforce_id_18(column) -%}
    (case when length({{ column }}) = 15 and {{ onstrategy.regex_full_match(column, "'[0-9A-Za-z]{15}'") }} then {{ column }} || substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', 1 + (case when substr({{ column }}, 1, 1) between 'A' and 'Z' then 1 else 0 end) + (case when substr({{ column }}, 2, 1) between 'A' and 'Z' then 2 else 0 end) + (case when substr({{ column }}, 3, 1) between 'A' and 'Z' then 4 else 0 end) + (case when substr({{ column }}, 4, 1) between 'A' and 'Z' then 8 else 0 end) + (case when substr({{ column }}, 5, 1) between 'A' and 'Z' then 16 else 0 end), 1) || substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', 1 + (case when substr({{ column }}, 6, 1) between 'A' and 'Z' then 1 else 0 end) + (case when substr({{ column }}, 7, 1) between 'A' and 'Z' then 2 else 0 end) + (case when substr({{ column }}, 8, 1) between 'A' and 'Z' then 4 else 0 end) + (case when substr({{ column }}, 9, 1) between 'A' and 'Z' then 8 else 0 end) + (case when substr({{ column }}, 10, 1) between 'A' and 'Z' then 16 else 0 end), 1) || substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', 1 + (case when substr({{ column }}, 11, 1) between 'A' and 'Z' then 1 else 0 end) + (case when substr({{ column }}, 12, 1) between 'A' and 'Z' then 2 else 0 end) + (case when substr({{ column }}, 13, 1) between 'A' and 'Z' then 4 else 0 end) + (case when substr({{ column }}, 14, 1) between 'A' and 'Z' then 8 else 0 end) + (case when substr({{ column }}, 15, 1) between 'A' and 'Z' then 16 else 0 end), 1) else {{ column }} end)
{%- endmacro %}
