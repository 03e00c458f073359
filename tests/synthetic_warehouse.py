"""A synthetic marts warehouse (Contract 4 tables and columns) for the site's tests and build-time measurements.

Values are deterministic pseudo-random numbers (DuckDB `hash`), and the adherence tables are aggregated from the
synthetic `fct_bookings`, so the pages look plausible. This is *not* the metric logic of the dbt models.

    python -m tests.synthetic_warehouse OUT.duckdb --reps 1000
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

EVIL_NAME = "<script>alert(1)</script>"

PRODUCT_LINES = [  # name, target share, strategic, deprioritized
    ("Core Platform", 0.35, False, False),
    ("Analytics Cloud", 0.25, True, False),
    ("AI Copilot", 0.20, True, False),
    ("Services", 0.20, False, False),
    ("Legacy On-Prem", 0.0, False, True),
]
SEGMENTS = [("Enterprise Retail", True, 0.40), ("Enterprise Financial", True, 0.30),
            ("Mid-Market", False, 0.25), ("Small Business", False, 0.05)]
PERSONAS = ["Economic Buyer", "Finance Leader", "Technical Buyer", "Procurement", "End User", "Unknown"]
TARGET_PERSONAS = ["Economic Buyer", "Finance Leader"]


def _rnd(expr: str, salt: str) -> str:
    """SQL for a deterministic pseudo-random double in [0, 1) from `expr`."""
    return f"((hash({expr}, '{salt}') % 100000) / 100000.0)"


def create_synthetic_warehouse(path: Path, *, reps: int = 12, teams: int | None = None, accounts: int | None = None,
                               lines_per_rep_quarter: int = 4, evil_names: bool = True, billing: bool = True,
                               quarters: int = 12, alignment: bool = True) -> Path:
    """Write a DuckDB file at `path` with schema `marts` (+ `audit`, `quarantine`) holding synthetic rows."""
    path = Path(path)
    if path.exists():
        path.unlink()
    teams = teams or max(2, reps // 8)
    accounts = accounts or max(20, reps * 5)
    first_index = 2025 * 4  # FY2025-Q1 .. ; fiscal year starts in February (as in strategy.yml)
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema marts; create schema audit; create schema quarantine")
        con.execute("create temp table q as select i as n, $first + i as fiscal_quarter_index, "
                    "'FY' || (($first + i) // 4) || '-Q' || ((($first + i) % 4) + 1) as fiscal_quarter, "
                    "(date '2024-02-01' + to_months(3 * i))::date as q_start "
                    "from range($quarters) t(i)", {"first": first_index, "quarters": quarters})
        con.execute("create temp table pl as select * from (values "
                    + ", ".join(f"({i}, '{n}', {t}, {s}, {d})" for i, (n, t, s, d) in enumerate(PRODUCT_LINES))
                    + ") t(line_no, product_line, target_share, is_strategic, is_deprioritized)")
        con.execute("create temp table seg as select * from (values "
                    + ", ".join(f"({i}, '{n}', {c}, {t})" for i, (n, c, t) in enumerate(SEGMENTS))
                    + ") t(seg_no, segment, is_icp, target_share)")
        con.execute("create temp table per as select * from (values "
                    + ", ".join(f"({i}, '{n}', {n in TARGET_PERSONAS})" for i, n in enumerate(PERSONAS))
                    + ") t(per_no, persona, is_target_persona)")
        evil = EVIL_NAME.replace("'", "''")
        con.execute(f"""
            create table marts.dim_reps as
            select '005' || lpad(i::varchar, 15, '0') as rep_id,
                   case when i = 0 and {evil_names} then '{evil}' else 'Rep ' || lpad(i::varchar, 4, '0') end
                       as rep_name,
                   case when i % {teams} = 0 and {evil_names} then 'Team <b>Zero</b> & Co'
                        else 'Team ' || chr((65 + (i % {teams}) % 26)::int) || ((i % {teams}) // 26)::varchar
                   end as team,
                   '00E' || lpad((i % {teams})::varchar, 15, '0') as role_id,
                   null::varchar as manager_id, null::varchar as manager_name,
                   i % 17 <> 5 as is_active
            from range({reps}) t(i)""")
        con.execute(f"""
            create table marts.dim_accounts as
            select '001' || lpad(i::varchar, 15, '0') as account_id,
                   case when i = 0 and {evil_names} then '{evil}'
                        when i = 1 then 'Smith | Jones * _Partners_ [LLC]'
                        when i = 2 and {evil_names} then 'Null' || chr(0) || 'Byte' || chr(27) || '[31m Ltd'
                        else 'Account ' || i end as account_name,
                   'Retail' as industry, 'US' as country_code, 100 + (i * 37) % 5000 as number_of_employees,
                   'account' || i || '.example' as website_domain,
                   '005' || lpad((i % {reps})::varchar, 15, '0') as owner_id,
                   date '2023-01-01' as created_date,
                   seg.segment, seg.is_icp, i % 97 = 3 as is_target_account,
                   null::date as first_won_date, null::varchar as billing_customer_ids
            from range({accounts}) t(i) join seg on seg.seg_no = i % 4""")
        con.execute("""
            create table marts.dim_products as
            select '01t' || lpad(line_no::varchar, 15, '0') as product_id, product_line || ' Edition' as product_name,
                   'P' || line_no as product_code, split_part(product_line, ' ', 1) as family, true as is_active,
                   product_line, is_strategic, is_deprioritized
            from pl""")
        r = lambda salt: _rnd("b.k", salt)  # noqa: E731
        con.execute(f"""
            create table marts.fct_bookings as
            with base as (
                select k, (k // {lines_per_rep_quarter}) % {reps} as rep_no,
                       k // ({lines_per_rep_quarter} * {reps}) as q_no
                from range({reps * quarters * lines_per_rep_quarter}) t(k)
            ), b as (
                select b.*, ({r('acct')} * {accounts})::bigint % {accounts} as acct_no,
                       least(4, ({r('pl')} * 5)::int) as line_no, ({r('per')} * 6)::int % 6 as per_no,
                       round(5000 + {r('amt')} * 120000, 2) as amount,
                       {r('gm')} as gm
                from base b where {r('skip')} > 0.15 or q_no = {quarters} - 2
            )
            select '00k' || lpad(b.k::varchar, 15, '0') as booking_line_id,
                   '006' || lpad((b.k // 2)::varchar, 15, '0') as opportunity_id,
                   '00k' || lpad(b.k::varchar, 15, '0') as opportunity_line_item_id,
                   'Deal ' || b.k as opportunity_name, a.account_id, r.rep_id, r.team,
                   least(q.q_start + to_days((b.k % 80)::int), date '2026-11-15')::date as close_date,
                   q.fiscal_quarter, q.fiscal_quarter_index, 1 as version_id,
                   '01t' || lpad(b.line_no::varchar, 15, '0') as product_id, pl.product_line, a.segment, per.persona,
                   'USD' as currency, b.amount as amount_original, b.amount,
                   a.is_icp or a.is_target_account as is_icp, a.is_target_account,
                   (a.is_icp or a.is_target_account) and not pl.is_deprioritized as is_on_strategy,
                   nullif(concat_ws(', ', case when not (a.is_icp or a.is_target_account) then 'non_icp_account' end,
                                    case when pl.is_deprioritized then 'deprioritized_product' end), '')
                       as off_strategy_reason,
                   case when b.gm < 0.2 then 'new_logo' when b.gm < 0.45 then 'cross_sell'
                        when b.gm < 0.55 then 'new_persona' else 'expansion' end as growth_motion,
                   per.is_target_persona, pl.is_strategic as is_strategic_product,
                   pl.is_deprioritized as is_deprioritized_product
            from b join q on q.n = b.q_no
            join marts.dim_reps r on r.rep_id = '005' || lpad(b.rep_no::varchar, 15, '0')
            join marts.dim_accounts a on a.account_id = '001' || lpad(b.acct_no::varchar, 15, '0')
            join pl on pl.line_no = b.line_no join per on per.per_no = b.per_no""")
        _add_credit_columns(con)
        con.execute(f"""
            create table marts.fct_pipeline as
            select '006' || lpad((900000000 + i)::varchar, 15, '0') as opportunity_id,
                   'Open deal ' || i as opportunity_name, a.account_id, a.account_name, r.rep_id, r.team,
                   case when i % 3 = 0 then 'Negotiation' when i % 3 = 1 then 'Proposal' else 'Discovery' end
                       as stage_name,
                   case when i % 3 = 0 then 80 when i % 3 = 1 then 60 else 20 end::double as probability,
                   false as is_closed, false as is_won, date '2026-10-01' as created_date,
                   date '2027-01-15' as close_date, 'FY2027-Q3' as fiscal_quarter, 8110 as fiscal_quarter_index,
                   'USD' as currency, 10000 + (i * 7919) % 250000 as amount_original,
                   (10000 + (i * 7919) % 250000)::double as amount, a.segment, a.is_icp, 2 as version_id,
                   i % 3 <> 2 as is_late_stage
            from range({reps * 3}) t(i)
            join marts.dim_accounts a on a.account_id = '001' || lpad((i % {accounts})::varchar, 15, '0')
            join marts.dim_reps r on r.rep_id = '005' || lpad((i % {reps})::varchar, 15, '0')""")
        con.execute(f"""
            create table marts.fct_activities as
            select '00U' || lpad(i::varchar, 15, '0') as activity_id, 'event' as activity_type, r.rep_id, r.team,
                   '001' || lpad((i % {accounts})::varchar, 15, '0') as account_id,
                   date '2026-09-01' as activity_date, 'FY2027-Q3' as fiscal_quarter, 8110 as fiscal_quarter_index,
                   2 as version_id, 30 as duration_minutes, i % 2 = 0 as is_icp
            from range({reps * 2}) t(i)
            join marts.dim_reps r on r.rep_id = '005' || lpad((i % {reps})::varchar, 15, '0')""")
        shares = """
            sum(amount) as bookings_amount,
            coalesce(sum(amount) filter (where is_on_strategy), 0) / nullif(sum(amount), 0)
                as on_strategy_share,
            coalesce(sum(amount) filter (where is_icp), 0) / nullif(sum(amount), 0)
                as icp_share,
            coalesce(sum(amount) filter (where growth_motion = 'new_logo'), 0) / nullif(sum(amount), 0)
                as new_logo_share,
            coalesce(sum(amount) filter (where growth_motion = 'cross_sell'), 0) / nullif(sum(amount), 0)
                as cross_sell_share,
            coalesce(sum(amount) filter (where growth_motion = 'new_persona'), 0) / nullif(sum(amount), 0)
                as new_persona_share,
            coalesce(sum(amount) filter (where growth_motion = 'expansion'), 0) / nullif(sum(amount), 0)
                as expansion_share,
            coalesce(sum(amount) filter (where is_strategic_product), 0) / nullif(sum(amount), 0)
                as strategic_product_share,
            coalesce(sum(amount) filter (where is_target_persona), 0) / nullif(sum(amount), 0)
                as target_persona_share,
            0.5 + (hash(min(booking_line_id)) % 50) / 100.0 as product_balance_score,
            count(distinct account_id) filter (where is_icp) / count(distinct account_id) as icp_customer_share,
            (hash(max(booking_line_id)) % 100) / 100.0 as icp_activity_share,
            (hash(min(opportunity_id)) % 100) / 100.0 as icp_time_share,
            sum(amount) * 1.7 as pipeline_created_amount,
            (hash(max(opportunity_id)) % 100) / 100.0 as icp_pipeline_share,
            count(*) as booking_lines, count(distinct opportunity_id) as opportunities_won,
            count(distinct account_id) as accounts_won, count(distinct rep_id) as reps_selling,
            coalesce(sum(amount) filter (where off_strategy_status = 'justified'), 0) / nullif(sum(amount), 0)
                as justified_off_strategy_share,
            coalesce(sum(amount) filter (where off_strategy_status = 'easy'), 0) / nullif(sum(amount), 0)
                as easy_off_strategy_share,
            coalesce(sum(amount) filter (where off_strategy_status = 'unjustified'), 0) / nullif(sum(amount), 0)
                as unjustified_off_strategy_share,
            sum(effort_minutes) filter (where off_strategy_status <> 'on_strategy') / nullif(sum(effort_minutes), 0)
                as off_strategy_effort_share"""
        flags = """
            *, 100 * (2 * least(on_strategy_share / 0.6, 1) + least(new_logo_share / 0.3, 1)
                      + least(product_balance_score / 0.8, 1)) / 4 as adherence_score,
            concat_ws(',', case when on_strategy_share < 0.3 then 'on_strategy_share_below' end,
                           case when icp_customer_share < 0.25 then 'icp_customer_share_below' end,
                           case when icp_time_share < 0.3333 then 'icp_time_share_below' end) as red_flags,
            (coalesce(on_strategy_share < 0.3, false)::int + coalesce(icp_customer_share < 0.25, false)::int
             + coalesce(icp_time_share < 0.3333, false)::int) as red_flag_count"""
        con.execute(f"""
            create table marts.fct_strategy_adherence_by_rep as
            with g as (select fiscal_quarter, fiscal_quarter_index, rep_id, {shares}
                       from marts.fct_bookings group by all)
            select g.fiscal_quarter, g.fiscal_quarter_index, g.rep_id, r.rep_name, r.team,
                   case when g.fiscal_quarter_index >= 8108 then 2 else 1 end as version_id,
                   * exclude (fiscal_quarter, fiscal_quarter_index, rep_id, rep_name, team, reps_selling,
                              role_id, manager_id, manager_name, is_active)
            from (select {flags} from g) g join marts.dim_reps r using (rep_id)""")
        con.execute(f"""
            create table marts.fct_strategy_adherence_company as
            with g as (select fiscal_quarter, fiscal_quarter_index, {shares} from marts.fct_bookings group by all)
            select fiscal_quarter, fiscal_quarter_index,
                   case when fiscal_quarter_index >= 8108 then 2 else 1 end as version_id, *
                   exclude (fiscal_quarter, fiscal_quarter_index)
            from (select {flags} from g)""")
        # the as-of quarter by the rule of models/marts/as_of.sql: the latest booked quarter ended by the data
        con.execute("""
            create table marts.as_of as
            with through as (select max(close_date) as d from marts.fct_bookings),
            quarters as (select *, (q_start + to_months(3) - to_days(1))::date as q_end from q),
            ended as (select max(fiscal_quarter_index) as i from quarters, through where q_end <= d),
            booked as (select max(b.fiscal_quarter_index) as latest,
                              max(b.fiscal_quarter_index) filter (where b.fiscal_quarter_index <= ended.i)
                                  as latest_ended
                       from marts.fct_bookings b, ended)
            select current_date as as_of_date, through.d as data_through_date, quarters.fiscal_quarter as as_of_quarter,
                   quarters.fiscal_quarter_index as as_of_quarter_index, quarters.q_start as as_of_quarter_start,
                   quarters.q_end as as_of_quarter_end, quarters.q_end <= through.d as as_of_quarter_is_complete,
                   ended.i as last_complete_quarter_index
            from through, ended, booked
            left join quarters on quarters.fiscal_quarter_index = coalesce(booked.latest_ended, booked.latest)""")
        _add_credit_mart(con)
        con.execute(f"""
            create table marts.fct_strategy_adherence_by_team as
            with g as (select fiscal_quarter, fiscal_quarter_index, team, {shares} from marts.fct_bookings group by all)
            select fiscal_quarter, fiscal_quarter_index, team,
                   bookings_amount / sum(bookings_amount) over (partition by fiscal_quarter) as share_of_quarter,
                   null::double as target_share, null::double as share_gap,
                   * exclude (fiscal_quarter, fiscal_quarter_index, team)
            from (select {flags} from g)""")
        if alignment:
            _add_alignment(con, evil_names)
            _add_coaching(con)
        for grain, key, extra, cols in [
            ("segment", "segment", "seg.is_icp as is_icp_segment", "seg.target_share"),
            ("persona", "persona", "per.is_target_persona", "null::double"),
            ("product", "product_line", "pl.is_strategic, pl.is_deprioritized", "pl.target_share"),
        ]:
            join = {"segment": "join seg using (segment)", "persona": "join per using (persona)",
                    "product": "join pl using (product_line)"}[grain]
            con.execute(f"""
                create table marts.fct_strategy_adherence_by_{grain} as
                with g as (select fiscal_quarter, fiscal_quarter_index, {key}, {shares}
                           from marts.fct_bookings group by all)
                select g.fiscal_quarter, g.fiscal_quarter_index, g.{key}, {extra}, g.bookings_amount,
                       g.bookings_amount / sum(g.bookings_amount) over (partition by g.fiscal_quarter)
                           as share_of_quarter,
                       {cols} as target_share,
                       g.bookings_amount / sum(g.bookings_amount) over (partition by g.fiscal_quarter) - {cols}
                           as share_gap,
                       g.reps_selling, g.accounts_won, g.on_strategy_share, g.icp_share, g.new_logo_share,
                       g.cross_sell_share, g.new_persona_share, g.expansion_share, g.strategic_product_share,
                       g.target_persona_share, g.product_balance_score
                from g {join}""")
        # the by-product table has a row for a target line without bookings in the as-of quarter
        con.execute("""
            delete from marts.fct_strategy_adherence_by_product
            where product_line = 'AI Copilot' and fiscal_quarter_index = (select max(fiscal_quarter_index) - 1
                                                                        from marts.fct_strategy_adherence_company);
            insert into marts.fct_strategy_adherence_by_product (fiscal_quarter, fiscal_quarter_index, product_line,
                is_strategic, is_deprioritized, bookings_amount, share_of_quarter, target_share, share_gap,
                reps_selling, accounts_won)
            select fiscal_quarter, fiscal_quarter_index, 'AI Copilot', true, false, 0, 0, 0.2, -0.2, 0, 0
            from marts.fct_strategy_adherence_company
            where fiscal_quarter_index = (select max(fiscal_quarter_index) - 1
                                          from marts.fct_strategy_adherence_company)""")
        if billing:
            con.execute(f"""
                create table marts.fct_billing_lines as
                select 'in_' || (i // 3) as invoice_id, 'il_' || i as invoice_line_id,
                       'cus_' || (i % 40) as customer_id,
                       case when i % 40 < 35 then '001' || lpad((i % {accounts})::varchar, 15, '0') end as account_id,
                       case when i % 40 < 30 then 'metadata' when i % 40 < 35 then 'email_domain'
                            else 'unmatched' end as match_method,
                       q.q_start + to_days(10) as invoice_date, q.fiscal_quarter, q.fiscal_quarter_index,
                       1 as version_id,
                       case when i % 40 < 35 then (select segment from seg where seg_no = i % 3) end as segment,
                       case when i % 40 < 35 then (i % 3 = 0) end as is_icp,
                       'prod_' || (i % 5) as product_id,
                       (select product_line from pl where line_no = i % 5) as product_line, 'USD' as currency,
                       1000 + (i * 37) % 9000 as amount_original, (1000 + (i * 37) % 9000)::double as amount
                from range(400) t(i) join q on q.n = i % {quarters}""")
            con.execute("""
                create table marts.fct_retention_by_icp as
                select q.fiscal_quarter, q.fiscal_quarter_index, icp.is_icp,
                       q.n < (select max(n) from q) as is_complete_quarter,
                       (20 + q.n)::bigint as customers_at_start, (q.n % 3)::bigint as logos_churned,
                       (q.n % 3) / (20.0 + q.n) as logo_churn_rate, 50000.0 + q.n * 1000 as mrr_at_start,
                       52000.0 + q.n * 1100 - (not icp.is_icp)::int * 4000 as mrr_at_end,
                       (52000.0 + q.n * 1100 - (not icp.is_icp)::int * 4000) / (50000.0 + q.n * 1000)
                           as net_revenue_retention
                from q cross join (values (true), (false)) icp(is_icp)""")
            con.execute("""
                create table marts.dim_billing_customers as
                select 'cus_' || i as customer_id, 'Customer ' || i as customer_name,
                       case when i < 35 then 'customer' || i || '.example' else 'unmatched' || i || '.example' end
                           as email_domain,
                       'USD' as currency, date '2024-03-01' as created_date,
                       case when i < 35 then '001' || lpad(i::varchar, 15, '0') end as account_id,
                       case when i < 30 then 'metadata' when i < 35 then 'email_domain' else 'unmatched' end
                           as match_method,
                       case when i >= 35 then 'no_account_with_email_domain' end as unmatched_reason,
                       null::varchar as metadata_account_id, (i < 35)::int as email_domain_accounts,
                       1234.5 * i as billed_amount, i::bigint as invoice_lines,
                       date '2024-03-01' as first_invoice_date, date '2026-11-01' as last_invoice_date
                from range(40) t(i)""")
            con.execute("""
                create table marts.billing_unmatched_customers as
                select customer_id, customer_name, email_domain, unmatched_reason, metadata_account_id,
                       billed_amount, invoice_lines, last_invoice_date
                from marts.dim_billing_customers where match_method = 'unmatched'""")
            con.execute("""
                create table marts.fct_booked_vs_billed_by_account as
                select a.account_id, a.account_name, a.segment, a.is_icp,
                       coalesce(sum(b.amount), 0) as booked_amount,
                       coalesce(sum(b.amount), 0) * (case when a.is_icp then 1.6 else 1.2 end) as billed_amount,
                       case when sum(b.amount) > 0 then (case when a.is_icp then 1.6 else 1.2 end) end
                           as billed_to_booked_ratio,
                       count(distinct b.opportunity_id) as opportunities_won, min(b.close_date) as first_won_date,
                       max(b.close_date) as last_won_date, 1::bigint as billing_customers,
                       min(b.close_date) as first_invoice_date, max(b.close_date) as last_invoice_date,
                       coalesce(sum(b.amount), 0) / 12 as current_mrr
                from marts.dim_accounts a join marts.fct_bookings b using (account_id)
                group by a.account_id, a.account_name, a.segment, a.is_icp""")
            con.execute("""
                create table marts.fct_booked_vs_billed_by_segment as
                select fiscal_quarter, fiscal_quarter_index, segment, bool_or(is_icp) as is_icp_segment,
                       sum(amount) as booked_amount, sum(amount) * 1.4 as billed_amount,
                       1.4 as billed_to_booked_ratio, count(distinct account_id) as accounts_booked,
                       count(distinct account_id) as accounts_billed,
                       sum(sum(amount)) over (partition by segment order by fiscal_quarter_index)
                           as cumulative_booked_amount,
                       sum(sum(amount)) over (partition by segment order by fiscal_quarter_index) * 1.4
                           as cumulative_billed_amount,
                       1.4 as cumulative_billed_to_booked_ratio
                from marts.fct_bookings group by fiscal_quarter, fiscal_quarter_index, segment""")
        else:
            con.execute("""
                create table marts.fct_billing_lines (invoice_id varchar, invoice_line_id varchar,
                    customer_id varchar, account_id varchar, match_method varchar, invoice_date date,
                    fiscal_quarter varchar, fiscal_quarter_index integer, version_id integer, segment varchar,
                    is_icp boolean, product_id varchar, product_line varchar, currency varchar,
                    amount_original double, amount double);
                create table marts.fct_retention_by_icp (fiscal_quarter varchar, fiscal_quarter_index integer,
                    is_icp boolean, is_complete_quarter boolean, customers_at_start bigint, logos_churned bigint,
                    logo_churn_rate double, mrr_at_start double, mrr_at_end double, net_revenue_retention double);
                create table marts.dim_billing_customers (customer_id varchar, customer_name varchar,
                    email_domain varchar, currency varchar, created_date date, account_id varchar,
                    match_method varchar, unmatched_reason varchar, metadata_account_id varchar,
                    email_domain_accounts bigint, billed_amount double, invoice_lines bigint,
                    first_invoice_date date, last_invoice_date date);
                create table marts.billing_unmatched_customers (customer_id varchar, customer_name varchar,
                    email_domain varchar, unmatched_reason varchar, metadata_account_id varchar,
                    billed_amount double, invoice_lines bigint, last_invoice_date date);
                create table marts.fct_booked_vs_billed_by_account (account_id varchar, account_name varchar,
                    segment varchar, is_icp boolean, booked_amount double, billed_amount double,
                    billed_to_booked_ratio double, opportunities_won bigint, first_won_date date,
                    last_won_date date, billing_customers bigint, first_invoice_date date,
                    last_invoice_date date, current_mrr double);
                create table marts.fct_booked_vs_billed_by_segment (fiscal_quarter varchar,
                    fiscal_quarter_index integer, segment varchar, is_icp_segment boolean, booked_amount double,
                    billed_amount double, billed_to_booked_ratio double, accounts_booked bigint,
                    accounts_billed bigint, cumulative_booked_amount double, cumulative_billed_amount double,
                    cumulative_billed_to_booked_ratio double)""")
        con.execute("""
            create table audit.load_reconciliation as
            select * from (values ('salesforce/Account.csv', 'account', 120, 118, 2, 0),
                                  ('salesforce/Opportunity.csv', 'opportunity', 900, 897, 1, 2))
                t(source_file, object, rows_read, rows_loaded, rows_quarantined, rows_superseded);
            create table quarantine.opportunity as
            select * from (values ('salesforce/Opportunity.csv', 17, 'unparseable_date', '{}'),
                                  ('salesforce/Opportunity.csv', 18, 'missing_fx_rate', '{}'))
                t(_source_file, _source_line, reason, raw_record);
            create table quarantine.account as
            select * from (values ('salesforce/Account.csv', 5, 'unparseable_number', '{}'),
                                  ('salesforce/Account.csv', 9, 'unparseable_number', '{}'))
                t(_source_file, _source_line, reason, raw_record)""")
    finally:
        con.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--reps", type=int, default=1000)
    parser.add_argument("--no-evil", action="store_true", help="plain names only")
    args = parser.parse_args()
    create_synthetic_warehouse(args.out, reps=args.reps, evil_names=not args.no_evil)
    print(args.out)


if __name__ == "__main__":
    main()


# The off-strategy statuses and strategy credit of SPEC "Steering" on the synthetic bookings: from FY2027 (the second
# version, as in the adherence marts) strategic lines x1.5, non-ICP x0.5, budget-neutral per quarter; an off-strategy
# line is justified (every 7th opportunity, by an exception approved by a name with markup), easy (little effort) or
# unjustified. Not the dbt models' logic.
def _add_credit_columns(con: duckdb.DuckDBPyConnection) -> None:
    evil = EVIL_NAME.replace("'", "''")
    con.execute(f"""
        create or replace table marts.fct_bookings as
        with b as (
            select * replace (case when fiscal_quarter_index >= 8108 then 2 else 1 end as version_id),
                   case when fiscal_quarter_index < 8108 then 1  -- the first version has no credit rules
                        else (case when is_strategic_product then 1.5 else 1 end)
                             * (case when is_icp then 1 else 0.5 end) end as credit_multiplier,
                   (hash(opportunity_id, 'effort') % 600)::double as effort_minutes,
                   hash(opportunity_id, 'status') % 7 = 0 as has_exception
            from marts.fct_bookings
        )
        select * exclude (has_exception), amount * credit_multiplier as raw_credit,
               amount * credit_multiplier * sum(amount) over (partition by fiscal_quarter_index)
                   / nullif(sum(amount * credit_multiplier) over (partition by fiscal_quarter_index), 0)
                   as strategy_credit,
               case when is_on_strategy then 'on_strategy' when has_exception then 'justified'
                    when effort_minutes < 150 then 'easy' else 'unjustified' end as off_strategy_status,
               case when not is_on_strategy and has_exception then 'leverage_contact' end as exception_reason,
               case when not is_on_strategy and has_exception then 'VP {evil}' end as exception_approved_by,
               effort_minutes / nullif(sum(amount) over (partition by opportunity_id) / 1000, 0) as minutes_per_1k
        from b""")


def _add_credit_mart(con: duckdb.DuckDBPyConnection) -> None:
    """fct_strategy_credit_by_rep from the synthetic bookings; every other rep has a quota."""
    con.execute("""
        create table marts.fct_strategy_credit_by_rep as
        with g as (
            select fiscal_quarter, fiscal_quarter_index, rep_id, sum(amount) as bookings_amount,
                   sum(strategy_credit) as strategy_credit
            from marts.fct_bookings group by all
        ), ranked as (
            select *, rank() over (partition by fiscal_quarter_index order by bookings_amount desc) as bookings_rank,
                   rank() over (partition by fiscal_quarter_index order by strategy_credit desc) as credit_rank,
                   case when hash(rep_id) % 2 = 0 then 400000.0 end as quota
            from g
        )
        select ranked.fiscal_quarter, ranked.fiscal_quarter_index, ranked.rep_id, r.rep_name, r.team,
               bookings_amount, strategy_credit, strategy_credit / nullif(bookings_amount, 0) as credit_ratio,
               bookings_rank, credit_rank, bookings_rank - credit_rank as rank_shift, quota,
               bookings_amount / quota as attainment, strategy_credit / quota as credit_attainment,
               ranked.fiscal_quarter_index <= a.last_complete_quarter_index as is_complete_quarter,
               ranked.fiscal_quarter_index = a.as_of_quarter_index as is_as_of_quarter
        from ranked join marts.dim_reps r using (rep_id) cross join marts.as_of a""")


# Sales alignment plans (SPEC "Sales alignment plans") for the second version (FY2027 on), as the strategy tables and
# the four alignment marts hold them: the first team has a plan (approved by the first rep's User Id, whose name is
# the markup one with evil names; an action with markup; a priority outside the company's objectives; a drop), the
# other teams none (the red flag no_approved_plan). The roll-up's numbers are fixed: on-strategy share 0.535 against
# 0.60 (6.5 points short), strategic-product share 0.50 against 0.45 (adds up), new-logo share exactly 0.30, product
# balance NULL (nothing to weigh by). Not the dbt models' logic.
ALIGNMENT_OBJECTIVES = [("on_strategy_share", 0.60, 0.535), ("strategic_product_share", 0.45, 0.50),
                        ("new_logo_share", 0.30, 0.30), ("product_balance_score", 0.80, None)]
PLAN_ACTION = "Qualify out <b>non-ICP</b> deals & more"


def _add_alignment(con: duckdb.DuckDBPyConnection, evil_names: bool) -> None:
    con.execute("create schema if not exists strategy")
    planned = con.execute("select min(team) from marts.dim_reps where rep_id = '005' || lpad('0', 15, '0')"
                          ).fetchone()[0]  # type: ignore[index]
    con.execute("""
        create table strategy.strategy_alignment_plans as
        select 2 as version_id, 1 as plan_order, $team as team, '005' || lpad('0', 15, '0') as approved_by,
               date '2026-01-20' as approved_on""", {"team": planned})
    con.execute("""
        create table strategy.strategy_alignment_priorities as
        select * from (values (2, $team, 1, 'on_strategy_share', 0.70::double, $action),
                              (2, $team, 2, 'cross_sell_share', 0.30::double, null)) t(version_id, team, priority_order,
                                                                              metric, target, action)""",
                {"team": planned, "action": PLAN_ACTION})
    con.execute("""
        create table strategy.strategy_alignment_drops as
        select 2 as version_id, $team as team, 'Legacy On-Prem' as product_line, 0.02::double as max_share""",
                {"team": planned})
    objectives = ", ".join(f"('{m}', {c}::double, {'null' if i is None else i}::double)"
                           for m, c, i in ALIGNMENT_OBJECTIVES)
    con.execute(f"""
        create table marts.fct_alignment_line_of_sight as
        with objectives as (select * from (values {objectives}) t(metric, company_target, implied_target)),
        teams as (select distinct team from marts.dim_reps)
        select 2 as version_id, teams.team, objectives.metric, objectives.company_target,
               priorities.target as team_target,
               case when teams.team <> $team then 'no_plan' when priorities.metric is not null then 'direct'
                    else 'not_covered' end as line_of_sight
        from teams cross join objectives
        left join strategy.strategy_alignment_priorities as priorities
            on priorities.team = teams.team and priorities.metric = objectives.metric
        union all
        select 2, team, metric, null, target, 'indirect' from strategy.strategy_alignment_priorities
        where metric not in (select metric from objectives)""", {"team": planned})
    con.execute(f"""
        create table marts.fct_alignment_rollup as
        select 2 as version_id, metric, company_target, implied_target, implied_target - company_target as plan_gap
        from (values {objectives}) t(metric, company_target, implied_target)""")
    con.execute("""
        create table marts.fct_alignment_progress as
        select t.fiscal_quarter, t.fiscal_quarter_index, 2 as version_id, p.team, p.priority_order, p.metric,
               p.target as team_target, p.action,
               case p.metric when 'on_strategy_share' then t.on_strategy_share
                             when 'cross_sell_share' then t.cross_sell_share end as actual,
               actual >= p.target as met, true as is_complete_quarter
        from marts.fct_strategy_adherence_by_team as t
        join strategy.strategy_alignment_priorities as p on p.team = t.team
        where t.fiscal_quarter_index >= 8108""")
    con.execute("""
        create table marts.fct_alignment_drops as
        with shares as (
            select fiscal_quarter, fiscal_quarter_index, team,
                   coalesce(sum(amount) filter (where product_line = 'Legacy On-Prem'), 0) / sum(amount) as share
            from marts.fct_bookings where fiscal_quarter_index >= 8108 group by all
        )
        select s.fiscal_quarter, s.fiscal_quarter_index, 2 as version_id, d.team, d.product_line, d.max_share,
               s.share as actual_share, s.share <= d.max_share as met, true as is_complete_quarter
        from shares as s join strategy.strategy_alignment_drops as d on d.team = s.team""")
    con.execute("""
        update marts.fct_strategy_adherence_by_team
        set red_flags = concat_ws(',', nullif(red_flags, ''), 'no_approved_plan'), red_flag_count = red_flag_count + 1
        where fiscal_quarter_index >= 8108 and team <> $team""", {"team": planned})


# fct_coaching from the synthetic by-rep score (its three objectives: on-strategy share 0.6 weight 2, new-logo share
# 0.3 and product balance 0.8 weight 1 each): points_lost = 100 w (1 - min(actual/target, 1)) / 4, the top gap the
# most points lost (ties by metric), persistence from the rep's Id. Not the dbt model's logic.
def _add_coaching(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        create table marts.fct_coaching as
        with objectives as (select * from (values ('on_strategy_share', 0.6, 2.0), ('new_logo_share', 0.3, 1.0),
                                                  ('product_balance_score', 0.8, 1.0)) t(metric, target, weight)),
        rows as (
            select r.fiscal_quarter, r.fiscal_quarter_index, r.rep_id, r.rep_name, r.team, r.version_id,
                   o.metric, o.target, o.weight, r.adherence_score,
                   case o.metric when 'on_strategy_share' then r.on_strategy_share
                                 when 'new_logo_share' then r.new_logo_share
                                 else r.product_balance_score end as actual
            from marts.fct_strategy_adherence_by_rep as r cross join objectives as o
        ),
        lost as (
            select *, 100 * weight * (1 - least(actual / target, 1)) / 4 as points_lost from rows
            where actual is not null
        ),
        ranked as (
            select *, row_number() over (partition by rep_id, fiscal_quarter_index
                                         order by round(points_lost, 9) desc, metric) as gap_rank
            from lost
        )
        select fiscal_quarter, fiscal_quarter_index, dim.manager_id, dim.manager_name, ranked.rep_id,
               ranked.rep_name, ranked.team, version_id, metric,
               'Coach on ' || metric || ' <now>' as topic, actual, target, weight, points_lost,
               gap_rank = 1 and points_lost > 0 as is_top_gap,
               case when gap_rank = 1 and points_lost > 0 then 1 + hash(ranked.rep_id) % 3 end
                   as persistence_quarters,
               adherence_score, true as is_complete_quarter, false as is_as_of_quarter
        from ranked join marts.dim_reps as dim using (rep_id)""")
