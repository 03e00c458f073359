"""Real exports as Salesforce writes them (SPEC "Real exports", "Materiality of the quarantine").

A two-currency org exported the ordinary way: the current DatedConversionRate period of each currency ends
9999-12-31, and one currency's current rate is unusable. The same landing zone is run twice, once with every
reference field as the 18-character Id, once as the 15-character Id a report exports: the marts must be the same
bytes. Expected values are computed by hand below.

Fiscal year starts in February: FY2027-Q1 = 2026-02-01 .. 2026-04-30, FY2027-Q2 = 2026-05-01 .. 2026-07-31.

Rates (units per USD): EUR 0.8 until 2026-04-01, then 0.9 open-ended (9999-12-31). GBP 0.5 until 2026-04-01; its
current period (from 2026-04-01, 9999-12-31) has the rate `abc`: quarantined, so GBP has no rate from April on.

| deal | currency | amount | closes / created | expected |
|---|---|---|---|---|
| EUR_NOW | EUR | 900 | won 2026-05-15 | 900 / 0.9 = 1,000 USD in FY2027-Q2 (the open-ended period) |
| EUR_OLD | EUR | 400 | won 2026-02-10 | 400 / 0.8 = 500 USD in FY2027-Q1 |
| GBP_OLD | GBP | 50 | won 2026-03-01 | 50 / 0.5 = 100 USD in FY2027-Q1 |
| USD_BIG | USD | 10,000 | won 2026-05-01 | 10,000 USD in FY2027-Q2 |
| GBP_NOW | GBP | 300 | won 2026-05-20 | quarantined (missing_fx_rate): held out of FY2027-Q2 |
| GBP_OPEN | GBP | 100 | open, created 2026-05-05 | quarantined (missing_fx_rate): held out of FY2027-Q2 pipeline |

FY2027-Q1 books 500 + 100 = 600 USD; FY2027-Q2 books 1,000 + 10,000 = 11,000 USD. The held-out GBP has no rate on
its dates; the nearest is the last before them, 0.5: 300 / 0.5 = 600 USD of won business (600 / 11,000 = 5.45%:
above the 5% block, so this scenario runs with ONSTRATEGY_QUARANTINE_BLOCK_SHARE=0.06) and 100 / 0.5 = 200 USD of
pipeline. Quotas: the rep has 1,000 USD for each
of February, March and April (3,000 in FY2027-Q1) and 900 EUR for May (900 / 0.9 = 1,000 USD in FY2027-Q2).
The target account is listed in strategy.yml by its 15-character Id.
"""

from __future__ import annotations

import textwrap

import pytest

from onstrategy import labels
from tests.conftest import run_cli
from tests.scenario.landing import Landing, ScenarioRun, run_scenario, sfid, shared_root

pytestmark = pytest.mark.scenario

ENV = {"ONSTRATEGY_QUARANTINE_BLOCK_SHARE": "0.06"}
REP = sfid("005", "FX")
TARGET = sfid("001", "NAMED")
OPP = {key: sfid("006", key) for key in ("EURNOW", "EUROLD", "GBPOLD", "USDBIG", "GBPNOW", "GBPOPEN")}
STRATEGY = f"""
reporting_currency: USD
fiscal_year_start_month: 2
versions:
  - name: only plan
    effective_from: 2025-02-01
    segments:
      - {{name: Everyone, icp: false}}
    target_accounts: ["{TARGET[:15]}"]
    product_lines:
      - {{name: Core, families: [Core], target_share: 1.0}}
"""


def build_landing() -> Landing:
    sf = Landing()
    sf.user("FX", role=sf.role("TEAM", "Team"))
    account = sf.account("BUYER", employees=100)
    named = sf.account("NAMED", employees=100)
    core = sf.product("CORE", "Core")
    sf.rate("EUR", 0.8, "2025-01-01", "2026-04-01")
    sf.rate("EUR", 0.9, "2026-04-01", "9999-12-31")
    sf.rate("GBP", 0.5, "2025-01-01", "2026-04-01")
    sf.rate("GBP", "abc", "2026-04-01", "9999-12-31")
    sf.opportunity(account, REP, 900, "2026-05-15", currency="EUR", key="EURNOW", lines=[(core, 900)])
    sf.opportunity(named, REP, 400, "2026-02-10", currency="EUR", key="EUROLD", lines=[(core, 400)])
    sf.opportunity(account, REP, 50, "2026-03-01", currency="GBP", key="GBPOLD", lines=[(core, 50)])
    sf.opportunity(account, REP, 10_000, "2026-05-01", key="USDBIG", lines=[(core, 10_000)])
    sf.opportunity(account, REP, 300, "2026-05-20", currency="GBP", key="GBPNOW", lines=[(core, 300)])
    sf.opportunity(account, REP, 100, "2026-08-01", won=False, created="2026-05-05", currency="GBP", key="GBPOPEN")
    sf.task(REP, "2026-05-02", what=OPP["EURNOW"])  # an activity linked through its opportunity's WhatId
    for month in ("2026-02-01", "2026-03-01", "2026-04-01"):
        sf.quota(REP, month, 1000)
    sf.quota(REP, "2026-05-01", 900, currency="EUR")
    return sf


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> ScenarioRun:
    return run_scenario(shared_root(tmp_path_factory), "real_exports", build_landing().write, STRATEGY, env=ENV)


@pytest.fixture(scope="module")
def run_short_ids(tmp_path_factory: pytest.TempPathFactory) -> ScenarioRun:
    return run_scenario(shared_root(tmp_path_factory), "real_exports_15_character_ids",
                        lambda folder: build_landing().write(folder, short_references=True), STRATEGY, env=ENV)


def test_open_ended_rate_periods_load_and_convert_exactly(run: ScenarioRun) -> None:
    quarantined = run.rows("select IsoCode, StartDate, NextStartDate, reason from quarantine.dated_conversion_rate")
    assert quarantined == [{"IsoCode": "GBP", "StartDate": "2026-04-01", "NextStartDate": "9999-12-31",
                            "reason": "unparseable_number"}]
    booked = dict(run.query("select opportunity_id, amount from marts.fct_bookings"))
    assert booked == pytest.approx({OPP["EURNOW"]: 1000.0, OPP["EUROLD"]: 500.0, OPP["GBPOLD"]: 100.0,
                                    OPP["USDBIG"]: 10_000.0}, rel=1e-12)
    quarters = dict(run.query("select fiscal_quarter, bookings_amount from marts.fct_strategy_adherence_company"))
    assert quarters == pytest.approx({"FY2027-Q1": 600.0, "FY2027-Q2": 11_000.0}, rel=1e-12)


def test_the_unusable_rate_is_the_root_cause_of_the_held_out_business(run: ScenarioRun) -> None:
    assert run.rows("select * exclude (fiscal_quarter_index) from audit.quarantine_impact") == [{
        "fiscal_quarter": "FY2027-Q2", "object": "Opportunity", "reason": "missing_fx_rate",
        "root_object": "DatedConversionRate", "root_reason": "unparseable_number", "records": 2, "root_records": 1,
        "won_amount": 600.0, "pipeline_amount": 200.0, "approximate_records": 2, "amount_unknown_records": 0}]
    held_out = {row[0] for row in run.query("select Id from quarantine.opportunity")}
    assert held_out == {OPP["GBPNOW"], OPP["GBPOPEN"]}


SENTENCE = ("$600 of FY2027-Q2 won business is not counted, 5.5% of the quarter's bookings (2 converted at the rate "
            "nearest their date): 2 opportunities, missing_fx_rate, caused by 1 quarantined DatedConversionRate row "
            "(unparseable_number)")


def test_the_run_and_the_overview_say_what_is_not_counted(run: ScenarioRun) -> None:
    assert f"not counted: {SENTENCE}" in run.stdout.splitlines()
    overview = (run.site_dir / "index.html").read_text(encoding="utf-8")
    # the site says the reasons in words (onstrategy.labels); the run's line keeps the codes
    in_words = SENTENCE.replace("missing_fx_rate", labels.label("missing_fx_rate")).replace(
        "unparseable_number", labels.label("unparseable_number"))
    assert in_words.replace("'", "&#39;") in overview and "missing_fx_rate" not in overview
    data_quality = (run.site_dir / "data-quality.html").read_text(encoding="utf-8")
    assert "What the quarantine holds out" in data_quality and "caused by 1 quarantined DatedConversionRate" in \
        data_quality


def test_quotas_belong_to_the_quarter_of_their_start_date(run: ScenarioRun) -> None:
    quotas = run.query("select fiscal_quarter, sum(quota_amount), count(*) "
                       "from staging.stg_salesforce__forecasting_quotas group by 1 order by 1")
    assert quotas == [("FY2027-Q1", pytest.approx(3000.0), 3), ("FY2027-Q2", pytest.approx(1000.0), 1)]


def test_a_15_character_id_in_the_strategy_names_the_target_account(run: ScenarioRun) -> None:
    assert run.query("select account_id, is_target_account, is_icp from marts.dim_accounts order by 1") == [
        (sfid("001", "BUYER"), False, False), (TARGET, True, True)]
    assert run.query("select is_icp from marts.fct_bookings where opportunity_id = ?", [OPP["EUROLD"]]) == [(True,)]


MART_TABLES = "select table_schema, table_name from information_schema.tables where table_schema in ('marts', " \
              "'audit') and table_name not in ('ingested_files', 'pending_changes', 'last_build', " \
              "'onstrategy_warehouse') order by 1, 2"


def test_15_character_references_give_the_same_marts_byte_for_byte(run: ScenarioRun,
                                                                   run_short_ids: ScenarioRun) -> None:
    landing = run_short_ids.warehouse.parent / "landing" / "salesforce"
    line_items = (landing / "OpportunityLineItem.csv").read_text(encoding="utf-8").splitlines()
    assert f",{OPP['EURNOW'][:15]}," in line_items[1]  # the file holds the report's 15-character form
    tables = run.query(MART_TABLES)
    assert tables == run_short_ids.query(MART_TABLES) and len(tables) > 15
    for schema, table in tables:
        if (schema, table) == ("audit", "load_reconciliation"):
            continue  # it names the landing files, which are the same in both
        sql = f'select * from "{schema}"."{table}" order by all'
        assert run.query(sql) == run_short_ids.query(sql), f"{schema}.{table}"
    assert run.query("select * exclude (source_file) from audit.load_reconciliation order by all") == \
        run_short_ids.query("select * exclude (source_file) from audit.load_reconciliation order by all")


def test_at_the_default_share_the_same_landing_zone_is_not_published(run: ScenarioRun, tmp_path) -> None:
    """600 USD held out of 11,000 booked is 5.45%, above the default 5%: the run fails before publishing and its
    one line says why, in money."""
    folder = tmp_path / "blocked"
    build_landing().write(folder / "landing")
    (folder / "strategy.yml").write_text(textwrap.dedent(STRATEGY).lstrip(), encoding="utf-8")
    result = run_cli("run", "--landing", str(folder / "landing"), "--strategy", str(folder / "strategy.yml"),
                     "--warehouse", str(folder / "w.duckdb"), "--site-dir", str(folder / "site"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "onstrategy run: error: nothing was published: the quarantine holds out more than 5.0% of a recent "
        f"quarter's won business (ONSTRATEGY_QUARANTINE_BLOCK_SHARE sets the limit): {SENTENCE}"]
    assert not (folder / "w.duckdb").exists() and not (folder / "site").exists()
