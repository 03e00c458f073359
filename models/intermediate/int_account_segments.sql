{#- Each account's segment and ICP status under every strategy version (first matching rule wins), and whether
    it is in a new segment there (SPEC "Growth strategies"): an ICP segment whose name was no ICP segment of the
    previous version, or a target account the previous version did not name. The first version has none: it is
    the baseline new segments are measured against. -#}
with countries as (
    select distinct lower(trim(country_name)) as country_key, country_code
    from {{ ref('country_codes') }}
),

accounts as (
    select
        accounts.account_id,
        lower(trim(accounts.industry)) as industry_key,
        coalesce(countries.country_code, upper(trim(accounts.billing_country))) as country_code,
        accounts.number_of_employees
    from {{ ref('stg_salesforce__accounts') }} as accounts
    left join countries on countries.country_key = lower(trim(accounts.billing_country))
),

segment_rules as (
    select * from {{ ref('stg_strategy__segments') }}
),

matching_rules as (
    select
        accounts.account_id,
        segment_rules.version_id,
        segment_rules.rule_order,
        segment_rules.segment_name,
        segment_rules.is_icp
    from accounts
    cross join segment_rules
    left join {{ ref('stg_strategy__segment_industries') }} as industries
        on industries.version_id = segment_rules.version_id
        and industries.rule_order = segment_rules.rule_order
        and industries.industry_key = accounts.industry_key
    left join {{ ref('stg_strategy__segment_countries') }} as rule_countries
        on rule_countries.version_id = segment_rules.version_id
        and rule_countries.rule_order = segment_rules.rule_order
        and rule_countries.country_code = accounts.country_code
    where (not segment_rules.has_industry_filter or industries.industry_key is not null)
        and (not segment_rules.has_country_filter or rule_countries.country_code is not null)
        and (segment_rules.min_employees is null or accounts.number_of_employees >= segment_rules.min_employees)
        and (segment_rules.max_employees is null or accounts.number_of_employees <= segment_rules.max_employees)
),

first_matching_rule as (
    select account_id, version_id, segment_name, is_icp
    from (
        select
            *,
            row_number() over (partition by account_id, version_id order by rule_order) as match_rank
        from matching_rules
    ) as ranked_rules
    where match_rank = 1
),

account_versions as (
    select accounts.account_id, accounts.country_code, versions.version_id
    from accounts
    cross join {{ ref('stg_strategy__versions') }} as versions
),

target_accounts as (
    select distinct version_id, account_id
    from {{ ref('stg_strategy__target_accounts') }}
),

icp_segment_names as (
    select distinct version_id, segment_name
    from segment_rules
    where is_icp
)

select
    account_versions.account_id,
    account_versions.version_id,
    account_versions.country_code,
    coalesce(first_matching_rule.segment_name, 'Unsegmented') as segment,
    coalesce(first_matching_rule.is_icp, false) as is_icp_segment,
    target_accounts.account_id is not null as is_target_account,
    coalesce(first_matching_rule.is_icp, false) or target_accounts.account_id is not null as is_icp,
    account_versions.version_id > 1 and (
        (coalesce(first_matching_rule.is_icp, false) and previous_icp_segments.segment_name is null)
        or (target_accounts.account_id is not null and previous_target_accounts.account_id is null)
    ) as is_new_segment
from account_versions
left join first_matching_rule
    on first_matching_rule.account_id = account_versions.account_id
    and first_matching_rule.version_id = account_versions.version_id
left join target_accounts
    on target_accounts.account_id = account_versions.account_id
    and target_accounts.version_id = account_versions.version_id
left join icp_segment_names as previous_icp_segments
    on previous_icp_segments.version_id = account_versions.version_id - 1
    and previous_icp_segments.segment_name = first_matching_rule.segment_name
left join target_accounts as previous_target_accounts
    on previous_target_accounts.account_id = account_versions.account_id
    and previous_target_accounts.version_id = account_versions.version_id - 1
