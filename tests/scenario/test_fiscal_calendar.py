"""Fiscal years starting in January, February and July: the same dates land in the right FY label and quarter.

One tiny landing zone (one rep, one account, five won deals and two completed tasks) run three times with strategy
files that differ only in `fiscal_year_start_month`. A fiscal year is named by the calendar year in which it ends.
"""

import pytest

from tests.conftest import PROJECT_ROOT
from tests.scenario.landing import Landing, ScenarioRun, run_scenario, sfid, shared_root

pytestmark = pytest.mark.scenario

REP = sfid("005", "FISC")
FX_REP = sfid("005", "FXSEED")
# No DatedConversionRate file in this landing zone: seeds/fx_rates.csv converts. Its row for the deal's date:
SEED_EUR_ROW = "EUR,0.918,2026-01-01,2027-01-01"
FX_DEAL = ("2026-03-10", 918)  # EUR 918 / 0.918 = USD 1000
FX_DEAL_QUARTER = {1: "FY2026-Q1", 2: "FY2027-Q1", 7: "FY2026-Q3"}

# close date -> amount (distinct powers of two, so every quarter's total says which deals it holds)
DEALS = {"2026-01-31": 1000, "2026-02-01": 2000, "2026-06-30": 4000, "2026-07-15": 8000, "2026-12-31": 16000}

# date -> expected quarter label per start month, worked out by hand:
#   start 1: FY = calendar year; Q = (month - 1) // 3 + 1
#   start 2: FY2027 = 2026-02-01 .. 2027-01-31; Q1 Feb-Apr, Q2 May-Jul, Q3 Aug-Oct, Q4 Nov-Jan
#   start 7: FY2027 = 2026-07-01 .. 2027-06-30; Q1 Jul-Sep, Q2 Oct-Dec, Q3 Jan-Mar, Q4 Apr-Jun
EXPECTED = {
    1: {"2026-01-31": "FY2026-Q1", "2026-02-01": "FY2026-Q1", "2026-06-30": "FY2026-Q2", "2026-07-01": "FY2026-Q3",
        "2026-07-15": "FY2026-Q3", "2026-12-31": "FY2026-Q4"},
    2: {"2026-01-31": "FY2026-Q4", "2026-02-01": "FY2027-Q1", "2026-06-30": "FY2027-Q2", "2026-07-01": "FY2027-Q2",
        "2026-07-15": "FY2027-Q2", "2026-12-31": "FY2027-Q4"},
    7: {"2026-01-31": "FY2026-Q3", "2026-02-01": "FY2026-Q3", "2026-06-30": "FY2026-Q4", "2026-07-01": "FY2027-Q1",
        "2026-07-15": "FY2027-Q1", "2026-12-31": "FY2027-Q2"},
}


def strategy(start_month: int) -> str:
    return f"""
    reporting_currency: USD
    fiscal_year_start_month: {start_month}
    versions:
      - name: only plan
        effective_from: 2025-01-01
        segments:
          - {{name: Enterprise, min_employees: 1000, icp: true}}
        product_lines:
          - {{name: Core, families: [Core], target_share: 1.0}}
    """


def build_landing() -> Landing:
    sf = Landing()
    sf.user("FISC", role=sf.role("FIELD", "Field"))
    account = sf.account("FISC1", employees=5000)
    core = sf.product("CORE", "Core")
    for close, amount in DEALS.items():
        # the 2026-02-01 deal was created the day before: its pipeline belongs to the quarter of 2026-01-31
        created = "2026-01-31" if close == "2026-02-01" else close
        sf.opportunity(account, REP, amount, close, created=created, key=f"FISC{close.replace('-', '')}",
                       lines=[(core, amount)])
    sf.user("FXSEED", role=sf.role("FX", "FX"))
    sf.opportunity(account, FX_REP, FX_DEAL[1], FX_DEAL[0], currency="EUR", lines=[(core, FX_DEAL[1])])
    sf.task(REP, "2026-06-30", account=account)
    sf.task(REP, "2026-07-01", account=account)
    return sf


@pytest.fixture(scope="module", params=[1, 2, 7], ids=lambda m: f"start{m}")
def fiscal_run(request, tmp_path_factory) -> tuple[int, ScenarioRun]:
    start = request.param
    return start, run_scenario(shared_root(tmp_path_factory), f"fiscal_start_{start}", build_landing().write,
                               strategy(start))


def test_booking_quarter_label_follows_fiscal_start_month(fiscal_run):
    start, run = fiscal_run
    rows = run.query("select cast(close_date as varchar), fiscal_quarter from marts.fct_bookings where rep_id = ?",
                     [REP])
    assert dict(rows) == {day: EXPECTED[start][day] for day in DEALS}


def test_close_2026_07_15_quarter_per_start_month(fiscal_run):
    """The brief's example: start 7 -> FY2027-Q1; start 2 -> FY2027-Q2; start 1 -> FY2026-Q3."""
    start, run = fiscal_run
    (label,) = run.query("select fiscal_quarter from marts.fct_bookings where close_date = date '2026-07-15'")[0]
    assert label == {7: "FY2027-Q1", 2: "FY2027-Q2", 1: "FY2026-Q3"}[start]


def test_rep_quarter_totals_follow_fiscal_start_month(fiscal_run):
    start, run = fiscal_run
    expected: dict[str, float] = {}
    for day, amount in DEALS.items():
        expected[EXPECTED[start][day]] = expected.get(EXPECTED[start][day], 0) + amount
    rows = run.query("select fiscal_quarter, bookings_amount from marts.fct_strategy_adherence_by_rep "
                     "where rep_id = ? and bookings_amount > 0", [REP])
    assert dict(rows) == pytest.approx(expected)
    expected[FX_DEAL_QUARTER[start]] += FX_DEAL[1] / 0.918  # the EUR deal of the other rep
    company = run.query("select fiscal_quarter, bookings_amount from marts.fct_strategy_adherence_company "
                        "where bookings_amount > 0")
    assert dict(company) == pytest.approx(expected)


def test_pipeline_quarter_is_created_date_quarter(fiscal_run):
    start, run = fiscal_run
    (row,) = run.query("select fiscal_quarter from marts.fct_pipeline where opportunity_id = ?",
                       [sfid("006", "FISC20260201")])
    assert row[0] == EXPECTED[start]["2026-01-31"]


def test_activity_quarter_is_activity_date_quarter(fiscal_run):
    start, run = fiscal_run
    rows = run.query("select cast(activity_date as varchar), fiscal_quarter from marts.fct_activities")
    assert dict(rows) == {day: EXPECTED[start][day] for day in ("2026-06-30", "2026-07-01")}


def test_fiscal_quarter_index_is_consecutive(fiscal_run):
    """Consecutive quarters differ by 1 in fiscal_quarter_index, across a fiscal-year boundary too."""
    start, run = fiscal_run
    index = dict(run.query("select distinct fiscal_quarter, fiscal_quarter_index from marts.fct_bookings"))
    year_end = {1: ("FY2026-Q1", "FY2026-Q2"), 2: ("FY2026-Q4", "FY2027-Q1"), 7: ("FY2026-Q4", "FY2027-Q1")}[start]
    assert index[year_end[1]] - index[year_end[0]] == 1
    ordered = sorted(index, key=index.get)
    assert ordered == sorted(index)  # labels sort the same way as the index


def test_seed_fx_rates_convert_without_dated_conversion_rate(fiscal_run):
    _, run = fiscal_run
    assert SEED_EUR_ROW in (PROJECT_ROOT / "seeds" / "fx_rates.csv").read_text().splitlines()
    row = run.one("select currency, amount_original, amount from marts.fct_bookings where rep_id = ?", [FX_REP])
    assert row["currency"] == "EUR" and row["amount_original"] == pytest.approx(918)
    assert row["amount"] == pytest.approx(918 / 0.918)
