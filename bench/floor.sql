-- The floor of `make bench`: what bare DuckDB needs to read the same landing files and compute
-- marts.fct_strategy_adherence_by_rep's bookings and on-strategy share, with no orchestration, no quarantine, no
-- tests and no other metric. One script, one connection; `bench.run` sets the variables first:
--   <table>_files   list of the object's landing files (e.g. opportunity_files, invoices_files)
--   strategy_dir    folder of the strategy tables as Parquet (`strategy_<name>.parquet`, written before timing)
--   seeds_dir       the project's seeds/ folder (country names -> ISO codes)
-- The bench checks the result against the pipeline's mart (same reps, quarters, amounts and shares).

-- 1. Every landing file into a table, types auto-detected (the pipeline ingests them all too).
create table account as select * from read_csv(getvariable('account_files'), filename = true, union_by_name = true);
create table contact as select * from read_csv(getvariable('contact_files'), filename = true, union_by_name = true);
create table product2 as select * from read_csv(getvariable('product2_files'), filename = true, union_by_name = true);
create table opportunity as
select * from read_csv(getvariable('opportunity_files'), filename = true, union_by_name = true);
create table opportunity_line_item as
select * from read_csv(getvariable('opportunity_line_item_files'), filename = true, union_by_name = true);
create table opportunity_contact_role as
select * from read_csv(getvariable('opportunity_contact_role_files'), filename = true, union_by_name = true);
create table sf_user as select * from read_csv(getvariable('user_files'), filename = true, union_by_name = true);
create table user_role as
select * from read_csv(getvariable('user_role_files'), filename = true, union_by_name = true);
create table task as select * from read_csv(getvariable('task_files'), filename = true, union_by_name = true);
create table event as select * from read_csv(getvariable('event_files'), filename = true, union_by_name = true);
create table dated_conversion_rate as
select * from read_csv(getvariable('dated_conversion_rate_files'), filename = true, union_by_name = true);
create table customers as
select * from read_json(getvariable('customers_files'), format = 'newline_delimited', union_by_name = true);
create table products as
select * from read_json(getvariable('products_files'), format = 'newline_delimited', union_by_name = true);
create table prices as
select * from read_json(getvariable('prices_files'), format = 'newline_delimited', union_by_name = true);
create table subscriptions as
select * from read_json(getvariable('subscriptions_files'), format = 'newline_delimited', union_by_name = true);
create table invoices as
select * from read_json(getvariable('invoices_files'), format = 'newline_delimited', union_by_name = true);

-- 2. Bookings by rep and fiscal quarter, with the on-strategy share.
create table floor_by_rep as
with current_opportunities as (
    select * from opportunity
    qualify row_number() over (partition by Id order by SystemModstamp desc, filename desc) = 1
),

won_opportunities as (
    select * from current_opportunities where IsWon and not IsDeleted
),

current_line_items as (
    select * from opportunity_line_item
    qualify row_number() over (partition by Id order by SystemModstamp desc, filename desc) = 1
),

current_accounts as (
    select * from account
    qualify row_number() over (partition by Id order by SystemModstamp desc, filename desc) = 1
),

current_products as (
    select * from product2
    qualify row_number() over (partition by Id order by SystemModstamp desc, filename desc) = 1
),

settings as (
    select reporting_currency
    from read_parquet(getvariable('strategy_dir') || '/strategy_settings.parquet')
),

calendar as (
    select date_day, fiscal_quarter, version_id
    from read_parquet(getvariable('strategy_dir') || '/strategy_fiscal_calendar.parquet')
),

-- won deals: their live line items, or one Unmapped line of the deal's Amount when it has none
booking_lines as (
    select won.Id as opportunity_id, won.OwnerId as rep_id, won.AccountId as account_id, won.CloseDate as close_date,
           upper(won.CurrencyIsoCode) as currency, lines.Product2Id as product_id, lines.TotalPrice as amount_original
    from won_opportunities as won
    inner join current_line_items as lines on lines.OpportunityId = won.Id and not lines.IsDeleted
    union all
    select won.Id, won.OwnerId, won.AccountId, won.CloseDate, upper(won.CurrencyIsoCode), null, won.Amount
    from won_opportunities as won
    where not exists (
        select 1 from current_line_items as lines where lines.OpportunityId = won.Id and not lines.IsDeleted
    )
),

countries as (
    select distinct lower(trim(country_name)) as country_key, country_code
    from read_csv(getvariable('seeds_dir') || '/country_codes.csv')
),

account_keys as (
    select current_accounts.Id as account_id, lower(trim(current_accounts.Industry)) as industry_key,
           coalesce(countries.country_code, upper(trim(current_accounts.BillingCountry))) as country_code,
           current_accounts.NumberOfEmployees as employees
    from current_accounts
    left join countries on countries.country_key = lower(trim(current_accounts.BillingCountry))
),

segment_rules as (
    select * from read_parquet(getvariable('strategy_dir') || '/strategy_segments.parquet')
),

rule_industries as (
    select * from read_parquet(getvariable('strategy_dir') || '/strategy_segment_industries.parquet')
),

rule_countries as (
    select * from read_parquet(getvariable('strategy_dir') || '/strategy_segment_countries.parquet')
),

first_matching_segment as (
    select account_keys.account_id, segment_rules.version_id, arg_min(segment_rules.is_icp, segment_rules.rule_order)
        as is_icp
    from account_keys
    cross join segment_rules
    where (not segment_rules.has_industry_filter or exists (
               select 1 from rule_industries
               where rule_industries.version_id = segment_rules.version_id
                 and rule_industries.rule_order = segment_rules.rule_order
                 and rule_industries.industry_key = account_keys.industry_key))
      and (not segment_rules.has_country_filter or exists (
               select 1 from rule_countries
               where rule_countries.version_id = segment_rules.version_id
                 and rule_countries.rule_order = segment_rules.rule_order
                 and rule_countries.country_code = account_keys.country_code))
      and (segment_rules.min_employees is null or account_keys.employees >= segment_rules.min_employees)
      and (segment_rules.max_employees is null or account_keys.employees <= segment_rules.max_employees)
    group by all
),

target_accounts as (
    select distinct version_id, account_id
    from read_parquet(getvariable('strategy_dir') || '/strategy_target_accounts.parquet')
),

product_lines as (
    select * from read_parquet(getvariable('strategy_dir') || '/strategy_product_lines.parquet')
),

line_families as (
    select * from read_parquet(getvariable('strategy_dir') || '/strategy_product_line_families.parquet')
),

line_codes as (
    select * from read_parquet(getvariable('strategy_dir') || '/strategy_product_line_codes.parquet')
),

first_matching_line as (
    select current_products.Id as product_id, product_lines.version_id,
           arg_min(product_lines.is_deprioritized, product_lines.line_order) as is_deprioritized
    from current_products
    cross join product_lines
    where exists (select 1 from line_families
                  where line_families.version_id = product_lines.version_id
                    and line_families.line_order = product_lines.line_order
                    and lower(trim(line_families.family)) = lower(trim(current_products.Family)))
       or exists (select 1 from line_codes
                  where line_codes.version_id = product_lines.version_id
                    and line_codes.line_order = product_lines.line_order
                    and lower(trim(line_codes.product_code)) = lower(trim(current_products.ProductCode)))
    group by all
),

rates as (
    select upper(IsoCode) as currency, StartDate as start_date, NextStartDate as next_start_date,
           ConversionRate as rate
    from dated_conversion_rate
),

judged_lines as (
    select
        booking_lines.rep_id,
        calendar.fiscal_quarter,
        case when booking_lines.currency = settings.reporting_currency or booking_lines.currency is null
             then booking_lines.amount_original
             else booking_lines.amount_original / rates.rate end as amount,
        (coalesce(first_matching_segment.is_icp, false) or target_accounts.account_id is not null)
            and not coalesce(first_matching_line.is_deprioritized, false) as is_on_strategy
    from booking_lines
    cross join settings
    inner join calendar on calendar.date_day = booking_lines.close_date
    left join rates
        on rates.currency = booking_lines.currency
        and rates.start_date <= booking_lines.close_date
        and booking_lines.close_date < rates.next_start_date
    left join first_matching_segment
        on first_matching_segment.account_id = booking_lines.account_id
        and first_matching_segment.version_id = calendar.version_id
    left join target_accounts
        on target_accounts.account_id = booking_lines.account_id
        and target_accounts.version_id = calendar.version_id
    left join first_matching_line
        on first_matching_line.product_id = booking_lines.product_id
        and first_matching_line.version_id = calendar.version_id
)

select
    rep_id,
    fiscal_quarter,
    sum(amount) as bookings_amount,
    sum(case when is_on_strategy then amount else 0 end) / nullif(sum(amount), 0) as on_strategy_share
from judged_lines
group by rep_id, fiscal_quarter;
