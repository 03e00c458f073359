"""Honest tests of the SPEC's "Steering" contract: strategy credit and quota, justified off-strategy business and
its effort, the fiscal year. A tiny landing zone, one real `onstrategy run`, expected values worked out by hand.

Strategy credit is budget-neutral over the company's quarter and the easy threshold (p25) is over the company's
quarter too, so every scenario has a fiscal quarter of its own (fiscal years start in January) and a version of
its own where it needs one:

- FY2025-Q1, v1 (credit: strategic_product x1.5, not_icp x0.5, budget-neutral): the SPEC's three reps A, B, C, with
  monthly ForecastingQuota rows.
- FY2025-Q2, still v1: the SPEC's four deals D1..D4 of rep D, and the exception edge cases of reps E and F.
- FY2025-Q3, v2 (no `credit` key): credit = amount.
- FY2025-Q4, v3 (not_target_account x0, strategic_product x2, budget_neutral false): k = 1.
- FY2026, v4 then v5 from 2026-07-01 (Mid-Market Retail ICP, then not): rep Y's fiscal year.
- FY2024-Q4, before the first version (so judged by v1): rep P's p25 of several values, interpolated.

Expected values are written as the arithmetic on the inputs below, never copied from a run.
"""

import pytest

from tests.scenario.landing import Landing, ScenarioRun, run_scenario, sfid, shared_root

pytestmark = pytest.mark.scenario

APPROX = {"rel": 1e-9, "abs": 1e-9}


def rep(key: str) -> str:
    return sfid("005", key)


def acct(key: str) -> str:
    return sfid("001", key)


def opp(key: str) -> str:
    return sfid("006", key)


# --- the strategy -----------------------------------------------------------------------------------------------

SEGMENTS = """
    segments:
      - {{name: Enterprise, min_employees: 1000, icp: true, target_share: 0.5}}
      - {{name: Mid-Market Retail, industries: [Retail], min_employees: 200, max_employees: 999, icp: {retail_icp},
          target_share: 0.3}}
      - {{name: Small Business, max_employees: 199, icp: false, target_share: 0.2}}
    product_lines:
      - {{name: Core, families: [Core], target_share: 0.5}}
      - {{name: Analytics, families: [Analytics], target_share: 0.3, strategic: true}}
      - {{name: Services, families: [Services], target_share: 0.2}}
      - {{name: Legacy, families: [Legacy], target_share: 0.0, deprioritized: true}}"""

# v3's named account, written in the 15-character form a report exports (the schema normalises it to 18)
TARGET_ACCOUNT = acct("TGT")

# the exception windows (SPEC: justified when approved_on <= close_date < expires_on, open when absent)
EXCEPTION_DAY = "2025-05-01"  # E1..E4 close on this day
ACCOUNT_EXCEPTION = ("2025-04-01", "2025-06-01")  # EACC's exception: approved_on, expires_on

STRATEGY = f"""
reporting_currency: USD
fiscal_year_start_month: 1
versions:
  - name: v1 credit
    effective_from: 2025-01-01
    {SEGMENTS.format(retail_icp="true").strip()}
    credit:
      budget_neutral: true
      rules:
        - {{when: strategic_product, multiplier: 1.5}}
        - {{when: not_icp, multiplier: 0.5}}
  - name: v2 no credit
    effective_from: 2025-07-01
    {SEGMENTS.format(retail_icp="true").strip()}
  - name: v3 named accounts
    effective_from: 2025-10-01
    {SEGMENTS.format(retail_icp="true").strip()}
    target_accounts: ["{TARGET_ACCOUNT[:15]}"]
    credit:
      budget_neutral: false
      rules:
        - {{when: not_target_account, multiplier: 0}}
        - {{when: strategic_product, multiplier: 2}}
  - name: v4 retail in
    effective_from: 2026-01-01
    {SEGMENTS.format(retail_icp="true").strip()}
    objectives:
      - {{metric: icp_share, target: 0.5, weight: 1}}
    red_flags: {{on_strategy_share_below: 0.1}}
  - name: v5 retail out
    effective_from: 2026-07-01
    {SEGMENTS.format(retail_icp="false").strip()}
    objectives:
      - {{metric: on_strategy_share, target: 0.6, weight: 1}}
    red_flags: {{on_strategy_share_below: 0.5}}
exceptions:
  # D2, written with its 15-character Id
  - {{opportunity_id: "{opp('D2')[:15]}", reason: long_term_opportunity, approved_by: VP Sales,
      approved_on: 2025-04-01, note: a three-year platform deal}}
  # an account exception over an on-strategy deal (D1's account): D1 stays on_strategy
  - {{account_id: "{acct('DENT')}", reason: other, approved_by: VP Sales, approved_on: 2025-01-01}}
  # E1 expires on its close date (not justified); E2 the day after (justified)
  - {{opportunity_id: "{opp('E1')}", reason: low_effort, approved_by: CRO, approved_on: 2025-04-01,
      expires_on: {EXCEPTION_DAY}}}
  - {{opportunity_id: "{opp('E2')}", reason: low_effort, approved_by: CRO, approved_on: 2025-04-01,
      expires_on: 2025-05-02}}
  # E3 approved the day after its close date (not justified); E4 on its close date (justified)
  - {{opportunity_id: "{opp('E3')}", reason: other, approved_by: CRO, approved_on: 2025-05-02}}
  - {{opportunity_id: "{opp('E4')}", reason: other, approved_by: CRO, approved_on: {EXCEPTION_DAY}}}
  # every deal of account EACC closed from 2025-04-01 until 2025-05-31: E5 (justified), E6 on 2025-06-01 (not)
  - {{account_id: "{acct('EACC')}", reason: leverage_contact, approved_by: Head of Partnerships,
      approved_on: {ACCOUNT_EXCEPTION[0]}, expires_on: {ACCOUNT_EXCEPTION[1]}}}
  # rep Y's Legacy deal of FY2026-Q4
  - {{opportunity_id: "{opp('Y4')}", reason: other, approved_by: CEO, approved_on: 2026-11-01}}
"""

# --- the landing zone -------------------------------------------------------------------------------------------

# 1. the SPEC's three reps (FY2025-Q1)
A_CORE = 5_000_000
B_CORE, B_ANALYTICS, B_SERVICES = 2_500_000, 1_500_000, 1_000_000
C_CORE = 5_000_000
STRATEGIC, NOT_ICP = 1.5, 0.5
A_QUOTA_MONTHS = (2_000_000, 2_000_000, 2_000_000)  # StartDate 2025-01-01, -02-01, -03-01
B_QUOTA_MONTHS = (1_500_000, 1_500_000, 2_000_000)
A_QUOTA_NEXT_QUARTER = 9_000_000  # StartDate 2025-04-01: FY2025-Q2, not Q1

# 2. FY2025-Q2: deal -> (rep, amount, close date, account, event minutes on the deal)
EFFORT_DEALS = {
    "D1": ("D", 100_000, "2025-05-15", "DENT", 300),  # on strategy: 3.0 min per $1k, the quarter's only one
    "D2": ("D", 50_000, "2025-05-15", "DSMB2", 200),  # non-ICP, an exception
    "D3": ("D", 30_000, "2025-05-15", "DSMB3", 30),  # non-ICP, 1.0 min per $1k
    "D4": ("D", 20_000, "2025-05-15", "DSMB4", 600),  # non-ICP, 30 min per $1k
    "E1": ("E", 10_000, EXCEPTION_DAY, "ESMB1", 1000),  # 100 min per $1k: never easy
    "E2": ("E", 10_000, EXCEPTION_DAY, "ESMB2", 1000),
    "E3": ("E", 10_000, EXCEPTION_DAY, "ESMB3", 1000),
    "E4": ("E", 10_000, EXCEPTION_DAY, "ESMB4", 1000),
    "E5": ("E", 10_000, "2025-05-10", "EACC", 1000),
    "E6": ("E", 10_000, ACCOUNT_EXCEPTION[1], "EACC", 1000),
    "F1": ("F", 10_000, "2025-05-20", "FSMB", 30),  # 3.0 min per $1k: exactly the p25
}
ENTERPRISE_ACCOUNTS = {"AENT", "BENT", "DENT", "NENT", "TNENT", "UENT", "YENT", "PENT"}  # 5000 employees: ICP

# 2b. FY2024-Q4: rep P's deal -> (amount, account, event minutes). Four on-strategy wins at 1, 2, 3 and 10 minutes
# per $1k: p25 (continuous) is at position 0.25 * (4 - 1) = 0.75 of the sorted values, 1 + 0.75 * (2 - 1) = 1.75
# (a discrete percentile would give 1, the (n + 1)p rule 1.25). P5 takes 7 / 4 = 1.75 min per $1k, P6 9 / 5 = 1.8.
P25_DEALS = {
    "P1": (1000, "PENT", 1), "P2": (1000, "PENT", 2), "P3": (1000, "PENT", 3), "P4": (1000, "PENT", 10),
    "P5": (4000, "PSMB", 7), "P6": (5000, "PSMB", 9),
}
P25 = 1 + 0.75 * (2 - 1)

# 4. FY2026: rep Y's deal -> (amount, close date, account, product family)
YEAR_DEALS = {
    "Y1": (1000, "2026-02-10", "YRET", "Core"),  # Q1, v4: Mid-Market Retail is ICP -> on strategy
    "Y2": (2000, "2026-05-10", "YRET", "Analytics"),  # Q2, v4: on strategy, strategic
    "Y3": (3000, "2026-08-10", "YRET", "Core"),  # Q3, v5: Mid-Market Retail is not ICP -> off, unjustified
    "Y4": (4000, "2026-11-10", "YENT", "Legacy"),  # Q4, v5: deprioritized -> off, justified by its exception
}


def build_landing() -> Landing:
    sf = Landing()
    field = sf.role("FIELD", "Field")
    for key in ("A", "B", "C", "D", "E", "F", "N", "P", "T", "U", "Y"):
        sf.user(key, role=field)
    families = ("Core", "Analytics", "Services", "Legacy")
    core, analytics, services, legacy = (sf.product(f.upper(), f) for f in families)
    product = dict(zip(families, (core, analytics, services, legacy), strict=True))

    def account(key: str) -> str:
        if key in ENTERPRISE_ACCOUNTS:
            return sf.account(key, industry="Agriculture", employees=5000)
        if key == "YRET":
            return sf.account(key, industry="Retail", employees=500)
        return sf.account(key, industry="Agriculture", employees=50)  # Small Business: not ICP

    # 1. three reps, FY2025-Q1; quotas given monthly
    sf.opportunity(account("AENT"), rep("A"), A_CORE, "2025-02-10", key="A1", lines=[(core, A_CORE)])
    sf.opportunity(account("BENT"), rep("B"), B_CORE + B_ANALYTICS + B_SERVICES, "2025-02-10", key="B1",
                   lines=[(core, B_CORE), (analytics, B_ANALYTICS), (services, B_SERVICES)])
    sf.opportunity(account("CSMB"), rep("C"), C_CORE, "2025-02-10", key="C1", lines=[(core, C_CORE)])
    for month, (a_quota, b_quota) in enumerate(zip(A_QUOTA_MONTHS, B_QUOTA_MONTHS, strict=True), start=1):
        sf.quota(rep("A"), f"2025-{month:02d}-01", a_quota)
        sf.quota(rep("B"), f"2025-{month:02d}-01", b_quota)
    sf.quota(rep("A"), "2025-04-01", A_QUOTA_NEXT_QUARTER)

    # 2. FY2025-Q2: D1..D4, E1..E6, F1, each one Core line (D1's account is ICP, every other is not)
    accounts: dict[str, str] = {}
    for deal, (owner, amount, close, account_key, minutes) in EFFORT_DEALS.items():
        if account_key not in accounts:
            accounts[account_key] = account(account_key)
        deal_id = sf.opportunity(accounts[account_key], rep(owner), amount, close, key=deal, lines=[(core, amount)])
        sf.event(rep(owner), close, minutes, what=deal_id)

    # 2b. FY2024-Q4: rep P
    for deal, (amount, account_key, minutes) in P25_DEALS.items():
        if account_key not in accounts:
            accounts[account_key] = account(account_key)
        deal_id = sf.opportunity(accounts[account_key], rep("P"), amount, "2024-11-15", key=deal,
                                 lines=[(core, amount)])
        sf.event(rep("P"), "2024-11-15", minutes, what=deal_id)

    # 3a. FY2025-Q3 (v2, no credit): a strategic line on a non-ICP account, and a Core line on an ICP one
    sf.opportunity(account("NSMB"), rep("N"), 3000, "2025-08-05", key="N1", lines=[(analytics, 3000)])
    sf.opportunity(account("NENT"), rep("N"), 1000, "2025-08-06", key="N2", lines=[(core, 1000)])

    # 3b. FY2025-Q4 (v3): the named account (a Small Business one) and non-target accounts
    target = sf.account("TGT", industry="Agriculture", employees=50)
    assert target == TARGET_ACCOUNT
    sf.opportunity(target, rep("T"), 1500, "2025-11-05", key="T1", lines=[(core, 1000), (analytics, 500)])
    sf.opportunity(account("TNENT"), rep("T"), 2700, "2025-11-06", key="T2", lines=[(core, 2000), (analytics, 700)])
    sf.opportunity(account("UENT"), rep("U"), 800, "2025-11-07", key="U1", lines=[(core, 800)])

    # 4. FY2026: rep Y across the v4 -> v5 change
    for deal, (amount, close, account_key, family) in YEAR_DEALS.items():
        if account_key not in accounts:
            accounts[account_key] = account(account_key)
        sf.opportunity(accounts[account_key], rep("Y"), amount, close, key=deal, lines=[(product[family], amount)])
    return sf


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> ScenarioRun:
    return run_scenario(shared_root(tmp_path_factory), "steering_credit", build_landing().write, STRATEGY)


def credit_rows(run: ScenarioRun, quarter: str) -> dict[str, dict]:
    return {r["rep_id"]: r for r in run.rows(
        "select * from marts.fct_strategy_credit_by_rep where fiscal_quarter = ?", [quarter])}


def lines_of(run: ScenarioRun, deal: str) -> list[dict]:
    return run.rows("select * from marts.fct_bookings where opportunity_id = ? order by amount desc", [opp(deal)])


def by_rep(run: ScenarioRun, key: str, quarter: str) -> dict:
    return run.one("select * from marts.fct_strategy_adherence_by_rep where rep_id = ? and fiscal_quarter = ?",
                   [rep(key), quarter])


# --- 1. the SPEC's three-rep credit example ---------------------------------------------------------------------

A_RAW = A_CORE
B_RAW = B_CORE + B_ANALYTICS * STRATEGIC + B_SERVICES
C_RAW = C_CORE * NOT_ICP
Q1_BOOKINGS = A_CORE + B_CORE + B_ANALYTICS + B_SERVICES + C_CORE
K_Q1 = Q1_BOOKINGS / (A_RAW + B_RAW + C_RAW)  # 15M / 13.25M


def test_three_rep_example_raw_credit_and_k_are_the_specs():
    # the SPEC's own numbers, from the inputs: raw 5.0M / 5.75M / 2.5M, k = 15 / 13.25
    assert (A_RAW, B_RAW, C_RAW) == (5_000_000, 5_750_000, 2_500_000)
    assert abs(K_Q1 - 15 / 13.25) < 1e-12


def test_three_rep_example_booking_lines(run):
    (a_line,) = lines_of(run, "A1")
    b_lines = {r["product_line"]: r for r in lines_of(run, "B1")}
    (c_line,) = lines_of(run, "C1")
    assert (a_line["credit_multiplier"], a_line["raw_credit"]) == (pytest.approx(1), pytest.approx(A_CORE))
    assert {p: r["credit_multiplier"] for p, r in b_lines.items()} == {
        "Core": pytest.approx(1), "Analytics": pytest.approx(STRATEGIC), "Services": pytest.approx(1)}
    assert b_lines["Analytics"]["raw_credit"] == pytest.approx(B_ANALYTICS * STRATEGIC, **APPROX)
    assert (c_line["is_icp"], c_line["credit_multiplier"]) == (False, pytest.approx(NOT_ICP))
    assert c_line["raw_credit"] == pytest.approx(C_CORE * NOT_ICP, **APPROX)
    for line in (a_line, c_line, *b_lines.values()):
        assert line["strategy_credit"] == pytest.approx(line["raw_credit"] * K_Q1, **APPROX)
        assert line["version_id"] == 1 and line["fiscal_quarter"] == "FY2025-Q1"


def test_three_rep_example_credit_to_the_cent_and_ranks(run):
    rows = credit_rows(run, "FY2025-Q1")
    assert set(rows) == {rep("A"), rep("B"), rep("C")}  # the quarter's only sellers
    a, b, c = rows[rep("A")], rows[rep("B")], rows[rep("C")]
    # to the cent, as the SPEC writes them, and as the arithmetic on the inputs gives them
    assert [round(r["strategy_credit"], 2) for r in (a, b, c)] == [5_660_377.36, 6_509_433.96, 2_830_188.68]
    assert [round(r["strategy_credit"], 2) for r in (a, b, c)] == [round(A_RAW * K_Q1, 2), round(B_RAW * K_Q1, 2),
                                                                   round(C_RAW * K_Q1, 2)]
    # budget-neutral: the quarter's credit is its bookings
    assert sum(r["strategy_credit"] for r in rows.values()) == pytest.approx(Q1_BOOKINGS, **APPROX)
    assert [r["bookings_amount"] for r in (a, b, c)] == [pytest.approx(5_000_000)] * 3
    assert [r["credit_ratio"] for r in (a, b, c)] == [pytest.approx(A_RAW * K_Q1 / A_CORE, **APPROX),
                                                      pytest.approx(B_RAW * K_Q1 / 5_000_000, **APPROX),
                                                      pytest.approx(C_RAW * K_Q1 / C_CORE, **APPROX)]
    assert [r["bookings_rank"] for r in (a, b, c)] == [1, 1, 1]  # three $5M reps tie
    assert [r["credit_rank"] for r in (a, b, c)] == [2, 1, 3]
    assert [r["rank_shift"] for r in (a, b, c)] == [1 - 2, 1 - 1, 1 - 3]


def test_three_rep_example_attainment_against_monthly_quotas(run):
    rows = credit_rows(run, "FY2025-Q1")
    a, b, c = rows[rep("A")], rows[rep("B")], rows[rep("C")]
    a_quota, b_quota = sum(A_QUOTA_MONTHS), sum(B_QUOTA_MONTHS)  # the quarter's three months add up
    assert (a["quota"], b["quota"]) == (pytest.approx(a_quota), pytest.approx(b_quota))
    assert a["attainment"] == pytest.approx(A_CORE / a_quota, **APPROX)
    assert a["credit_attainment"] == pytest.approx(A_RAW * K_Q1 / a_quota, **APPROX)
    assert b["attainment"] == pytest.approx(5_000_000 / b_quota, **APPROX)  # 100%
    assert b["credit_attainment"] == pytest.approx(B_RAW * K_Q1 / b_quota, **APPROX)
    assert (c["quota"], c["attainment"], c["credit_attainment"]) == (None, None, None)  # no ForecastingQuota


def test_a_quota_without_bookings_is_a_seller_row_at_zero(run):
    """A's 2025-04-01 quota belongs to FY2025-Q2, where A sold nothing: a row at 0% attainment, without ranks."""
    a = credit_rows(run, "FY2025-Q2")[rep("A")]
    assert a["quota"] == pytest.approx(A_QUOTA_NEXT_QUARTER)
    assert (a["bookings_amount"], a["strategy_credit"], a["attainment"]) == (0, 0, 0)
    assert (a["bookings_rank"], a["credit_rank"], a["rank_shift"], a["credit_ratio"]) == (None, None, None, None)


# --- 2. no credit key; not_target_account x0 without budget neutrality ------------------------------------------

def test_a_version_without_credit_credits_the_amount(run):
    """v2 has no `credit`: N1 is strategic on a non-ICP account (v1 would give it x1.5 x0.5), yet multiplier 1."""
    for deal, amount in (("N1", 3000), ("N2", 1000)):
        (line,) = lines_of(run, deal)
        assert line["version_id"] == 2
        assert (line["credit_multiplier"], line["raw_credit"], line["strategy_credit"]) == (
            pytest.approx(1), pytest.approx(amount), pytest.approx(amount))
    (n1,) = lines_of(run, "N1")
    assert (n1["is_strategic_product"], n1["is_icp"]) == (True, False)
    n = credit_rows(run, "FY2025-Q3")[rep("N")]
    assert (n["bookings_amount"], n["strategy_credit"], n["credit_ratio"]) == (
        pytest.approx(4000), pytest.approx(4000), pytest.approx(1))
    assert (n["bookings_rank"], n["credit_rank"], n["rank_shift"]) == (1, 1, 0)


def test_not_target_account_x0_without_budget_neutrality(run):
    """v3: not_target_account x0, strategic_product x2, budget_neutral false -> k = 1 (budget-neutral it would be
    the quarter's 5000 bookings / 2000 raw credit = 2.5)."""
    t1 = {r["product_line"]: r for r in lines_of(run, "T1")}  # the named account
    t2 = {r["product_line"]: r for r in lines_of(run, "T2")}  # an ICP account, not named
    (u1,) = lines_of(run, "U1")
    expected = {  # (lines, product line) -> multiplier
        ("T1", "Core"): 1, ("T1", "Analytics"): 2, ("T2", "Core"): 0 * 1, ("T2", "Analytics"): 0 * 2}
    for (deal, line_name), multiplier in expected.items():
        line = (t1 if deal == "T1" else t2)[line_name]
        assert line["version_id"] == 3
        assert line["credit_multiplier"] == pytest.approx(multiplier), (deal, line_name)
        assert line["raw_credit"] == pytest.approx(line["amount"] * multiplier)
        assert line["strategy_credit"] == pytest.approx(line["amount"] * multiplier)  # k = 1
    # the 15-character Id in target_accounts names the 18-character account; Small Business, ICP as a target
    assert (t1["Core"]["is_target_account"], t1["Core"]["is_icp"], t1["Core"]["segment"]) == (
        True, True, "Small Business")
    assert (u1["credit_multiplier"], u1["strategy_credit"]) == (pytest.approx(0), pytest.approx(0))
    rows = credit_rows(run, "FY2025-Q4")
    t, u = rows[rep("T")], rows[rep("U")]
    assert t["bookings_amount"] == pytest.approx(1500 + 2700)
    assert t["strategy_credit"] == pytest.approx(1000 * 1 + 500 * 2)
    assert t["credit_ratio"] == pytest.approx(2000 / 4200, **APPROX)
    assert u["strategy_credit"] == pytest.approx(0) and u["credit_ratio"] == pytest.approx(0)
    assert (t["bookings_rank"], t["credit_rank"], u["bookings_rank"], u["credit_rank"]) == (1, 1, 2, 2)


# --- 3. justified off-strategy business and effort --------------------------------------------------------------

def test_four_deal_example_statuses_and_effort(run):
    expected = {  # deal -> (status, exception reason, effort minutes, minutes per $1k)
        "D1": ("on_strategy", None, 300, 300 / 100),
        "D2": ("justified", "long_term_opportunity", 200, 200 / 50),
        "D3": ("easy", None, 30, 30 / 30),
        "D4": ("unjustified", None, 600, 600 / 20),
    }
    for deal, (status, reason, minutes, per_1k) in expected.items():
        (line,) = lines_of(run, deal)
        assert (line["off_strategy_status"], line["exception_reason"]) == (status, reason), deal
        assert line["effort_minutes"] == pytest.approx(minutes), deal
        assert line["minutes_per_1k"] == pytest.approx(per_1k, **APPROX), deal
    (d2,) = lines_of(run, "D2")
    assert d2["exception_approved_by"] == "VP Sales"
    (d1,) = lines_of(run, "D1")
    assert d1["exception_approved_by"] is None  # its account's exception does not touch an on-strategy line
    # p25 (continuous) of minutes per $1k over the quarter's all-on-strategy wins: D1's 3.0 alone
    thresholds = run.query("select distinct easy_threshold_minutes_per_1k from intermediate.int_won_opportunity_effort "
                           "where fiscal_quarter_index = (select fiscal_quarter_index from marts.fct_bookings "
                           "where opportunity_id = ?)", [opp("D1")])
    assert thresholds == [(pytest.approx(3.0),)]
    # the event names its opportunity in fct_activities
    (activity,) = run.rows("select opportunity_id from marts.fct_activities where rep_id = ? and "
                           "duration_minutes = 300", [rep("D")])
    assert activity["opportunity_id"] == opp("D1")


def test_four_deal_example_shares(run):
    d = by_rep(run, "D", "FY2025-Q2")
    total = 100_000 + 50_000 + 30_000 + 20_000
    assert d["bookings_amount"] == pytest.approx(total)
    assert d["on_strategy_share"] == pytest.approx(100_000 / total, **APPROX) == pytest.approx(0.50)
    assert d["justified_off_strategy_share"] == pytest.approx(50_000 / total, **APPROX) == pytest.approx(0.25)
    assert d["easy_off_strategy_share"] == pytest.approx(30_000 / total, **APPROX) == pytest.approx(0.15)
    assert d["unjustified_off_strategy_share"] == pytest.approx(20_000 / total, **APPROX) == pytest.approx(0.10)
    # effort of the won deals with a line off strategy (D2..D4) over that of all of them
    assert d["off_strategy_effort_share"] == pytest.approx((200 + 30 + 600) / (300 + 200 + 30 + 600), **APPROX)
    # 0.10 unjustified is under the default 0.25: no flag
    assert "unjustified_off_strategy_share_above" not in d["red_flags"].split(",")


@pytest.mark.parametrize(("deal", "status", "reason"), [
    ("E1", "unjustified", None),  # close date == expires_on: expired
    ("E2", "justified", "low_effort"),  # expires the day after the close date
    ("E3", "unjustified", None),  # approved the day after the close date
    ("E4", "justified", "other"),  # approved on the close date
    ("E5", "justified", "leverage_contact"),  # the account's exception, inside its window
    ("E6", "unjustified", None),  # the account's exception, closed on its expires_on
    ("F1", "easy", None),  # minutes per $1k == p25 (3.0): easy
])
def test_exception_windows_and_account_exceptions(run, deal, status, reason):
    (line,) = lines_of(run, deal)
    assert line["is_on_strategy"] is False
    assert (line["off_strategy_status"], line["exception_reason"]) == (status, reason)


def test_exception_shares_of_rep_e(run):
    e = by_rep(run, "E", "FY2025-Q2")
    total = 6 * 10_000
    assert e["on_strategy_share"] == pytest.approx(0)
    assert e["justified_off_strategy_share"] == pytest.approx(3 * 10_000 / total, **APPROX)  # E2, E4, E5
    assert e["easy_off_strategy_share"] == pytest.approx(0)
    assert e["unjustified_off_strategy_share"] == pytest.approx(3 * 10_000 / total, **APPROX)  # E1, E3, E6
    assert e["off_strategy_effort_share"] == pytest.approx(1.0)  # every won deal has a line off strategy
    assert "unjustified_off_strategy_share_above" in e["red_flags"].split(",")  # 0.5 > 0.25


def test_p25_is_the_continuous_percentile_of_the_on_strategy_wins(run):
    assert P25_DEALS["P5"][2] / (P25_DEALS["P5"][0] / 1000) == P25  # P5 sits exactly on the threshold
    statuses = {deal: lines_of(run, deal)[0]["off_strategy_status"] for deal in P25_DEALS}
    assert statuses == {"P1": "on_strategy", "P2": "on_strategy", "P3": "on_strategy", "P4": "on_strategy",
                        "P5": "easy", "P6": "unjustified"}
    (threshold,) = run.query("select easy_threshold_minutes_per_1k from intermediate.int_won_opportunity_effort "
                             "where opportunity_id = ?", [opp("P1")])
    assert threshold == (pytest.approx(P25, **APPROX),)
    assert lines_of(run, "P1")[0]["version_id"] == 1 and lines_of(run, "P1")[0]["fiscal_quarter"] == "FY2024-Q4"


# --- 4. a fiscal year across a version change -------------------------------------------------------------------

Y_TOTAL = sum(amount for amount, _, _, _ in YEAR_DEALS.values())


def test_fiscal_year_judges_each_line_by_its_own_version(run):
    lines = {deal: lines_of(run, deal)[0] for deal in YEAR_DEALS}
    assert [lines[d]["version_id"] for d in YEAR_DEALS] == [4, 4, 5, 5]
    assert [lines[d]["off_strategy_status"] for d in YEAR_DEALS] == [
        "on_strategy", "on_strategy", "unjustified", "justified"]
    year = run.one("select * from marts.fct_strategy_adherence_by_rep_year where rep_id = ? and fiscal_year = ?",
                   [rep("Y"), "FY2026"])
    assert year["fiscal_year_number"] == 2026
    assert year["bookings_amount"] == pytest.approx(Y_TOTAL)
    # Y1 + Y2 on strategy under v4; judged all by v5 it would be 0, all by v4 (1000 + 2000 + 3000) / 10000
    assert year["on_strategy_share"] == pytest.approx((1000 + 2000) / Y_TOTAL, **APPROX)
    assert year["icp_share"] == pytest.approx((1000 + 2000 + 4000) / Y_TOTAL, **APPROX)
    assert year["strategic_product_share"] == pytest.approx(2000 / Y_TOTAL, **APPROX)
    assert year["justified_off_strategy_share"] == pytest.approx(4000 / Y_TOTAL, **APPROX)
    assert year["easy_off_strategy_share"] == pytest.approx(0)
    assert year["unjustified_off_strategy_share"] == pytest.approx(3000 / Y_TOTAL, **APPROX)
    assert year["off_strategy_effort_share"] is None  # no event on any deal: 0 minutes, NULL not 0
    # the year is judged by v5, in force on the as-of date (FY2026 is the year in progress) and on its last day:
    # objective on_strategy_share .6 -> 100 * min(.3 / .6, 1); flags on_strategy_share_below .5 (0.3 < .5) and the
    # default unjustified_off_strategy_share_above .25 (0.3 > .25)
    assert year["version_id"] == 5
    assert year["adherence_score"] == pytest.approx(100 * min(((1000 + 2000) / Y_TOTAL) / 0.6, 1), **APPROX)
    assert year["red_flags"] == "on_strategy_share_below,unjustified_off_strategy_share_above"
    # while Q1 keeps v4's objective (icp_share .5: met) and threshold (on_strategy_share_below .1: not breached)
    q1 = by_rep(run, "Y", "FY2026-Q1")
    assert (q1["version_id"], q1["adherence_score"], q1["red_flags"]) == (4, pytest.approx(100), "")


def test_fiscal_year_totals_are_the_sum_of_their_quarters(run):
    quarters = run.rows("select * from marts.fct_strategy_adherence_by_rep where rep_id = ? and fiscal_quarter like "
                        "'FY2026-%' order by fiscal_quarter", [rep("Y")])
    assert [q["fiscal_quarter"] for q in quarters] == ["FY2026-Q1", "FY2026-Q2", "FY2026-Q3", "FY2026-Q4"]
    assert [q["bookings_amount"] for q in quarters] == [pytest.approx(a) for a, _, _, _ in YEAR_DEALS.values()]
    year = run.one("select * from marts.fct_strategy_adherence_by_rep_year where rep_id = ? and fiscal_year = ?",
                   [rep("Y"), "FY2026"])
    assert year["bookings_amount"] == pytest.approx(sum(q["bookings_amount"] for q in quarters))
    for share in ("on_strategy_share", "icp_share", "justified_off_strategy_share", "unjustified_off_strategy_share"):
        weighted = sum(q[share] * q["bookings_amount"] for q in quarters)
        assert year[share] == pytest.approx(weighted / year["bookings_amount"], **APPROX), share
    # the company's years: FY2025 holds scenarios 1-3, FY2026 only rep Y
    for fiscal_year in ("FY2025", "FY2026"):
        company_year = run.one("select * from marts.fct_strategy_adherence_company_year where fiscal_year = ?",
                               [fiscal_year])
        (quarter_total,) = run.query("select sum(bookings_amount) from marts.fct_strategy_adherence_company "
                                     "where fiscal_quarter like ?", [f"{fiscal_year}-%"])[0]
        assert company_year["bookings_amount"] == pytest.approx(quarter_total, **APPROX)
    fy2025_total = (Q1_BOOKINGS + sum(amount for _, amount, _, _, _ in EFFORT_DEALS.values())
                    + 3000 + 1000 + 1500 + 2700 + 800)
    assert run.one("select bookings_amount from marts.fct_strategy_adherence_company_year where fiscal_year = "
                   "'FY2025'")["bookings_amount"] == pytest.approx(fy2025_total, **APPROX)
