"""Honest tests of the SPEC's metric definitions: a tiny landing zone, one real `onstrategy run`, hand-made values.

Every scenario has its own reps and accounts, so the scenarios do not disturb each other's numbers. Fiscal years
start in January (FY2026-Q1 = 2026-01-01 .. 2026-03-31), so quarter labels are easy to check by eye. Quarter use:

- FY2025-Q3: only the grain scenario (teams East/West, reps G1-G3): company totals are computed by hand.
- FY2026-Q1: the per-rep scenarios (product balance, FX, target accounts, unmapped, growth motions, red flags, ...).
- FY2026-Q2 / Q3: the strategy version change (v2 takes effect 2026-07-01); one activity of rep ACT in Q2.

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


TARGET_ACCOUNT = acct("TGT1")
TRICKY_NAME = 'Acme, "Quoted" &\nCo'

STRATEGY = f"""
reporting_currency: USD
fiscal_year_start_month: 1
versions:
  - name: v1 plan
    effective_from: 2025-01-01
    segments:
      - {{name: DACH Industry, industries: [Manufacturing], countries: [DE, AT, CH], icp: true, target_share: 0.0}}
      - {{name: Mid-Market Retail, industries: [Retail], min_employees: 200, max_employees: 999, icp: true,
          target_share: 0.4}}
      - {{name: Enterprise, min_employees: 1000, icp: true, target_share: 0.3}}
      - {{name: Small Business, max_employees: 199, icp: false, target_share: 0.3}}
    target_accounts: ["{TARGET_ACCOUNT}"]
    product_lines:
      - {{name: Core, families: [Core], target_share: 0.5}}
      - {{name: Analytics, families: [Analytics], target_share: 0.3, strategic: true}}
      - {{name: Services, families: [Services], target_share: 0.2}}
      - {{name: Legacy, families: [Legacy], target_share: 0.0, deprioritized: true}}
    target_personas: [Economic Buyer]
    objectives:
      - {{metric: on_strategy_share, target: 0.5, weight: 2}}
      - {{metric: new_logo_share, target: 0.25, weight: 1}}
      - {{metric: icp_time_share, target: 0.5, weight: 1}}
    # no red_flags key: the SPEC defaults apply (0.30 / 0.25 / 0.3333)
  - name: v2 plan
    effective_from: 2026-07-01
    segments:
      - {{name: DACH Industry, industries: [Manufacturing], countries: [DE, AT, CH], icp: true, target_share: 0.0}}
      - {{name: Mid-Market Retail, industries: [Retail], min_employees: 200, max_employees: 999, icp: false,
          target_share: 0.2}}
      - {{name: Enterprise, min_employees: 1000, icp: true, target_share: 0.6}}
      - {{name: Small Business, max_employees: 199, icp: false, target_share: 0.2}}
    target_accounts: []
    product_lines:
      - {{name: Core, families: [Core], target_share: 0.5}}
      - {{name: Analytics, families: [Analytics], target_share: 0.3, strategic: true}}
      - {{name: Services, families: [Services], target_share: 0.2}}
      - {{name: Legacy, families: [Legacy], target_share: 0.0, deprioritized: true}}
    target_personas: [Economic Buyer]
    objectives:
      - {{metric: on_strategy_share, target: 0.5, weight: 1}}
    late_stage_min_probability: 70
"""


def build_landing() -> Landing:
    sf = Landing()
    field = sf.role("FIELD", "Field")
    east, west = sf.role("EAST", "East"), sf.role("WEST", "West")

    core, analytics = sf.product("CORE", "Core"), sf.product("ANALYTICS", "Analytics")
    services, legacy = sf.product("SERVICES", "Services"), sf.product("LEGACY", "Legacy")
    hardware = sf.product("HARDWARE", "Hardware")  # matches no product line -> Unmapped

    def enterprise(key: str) -> str:  # 5000 employees -> segment Enterprise (ICP)
        return sf.account(key, industry="Agriculture", employees=5000)

    def small(key: str) -> str:  # 50 employees -> segment Small Business (not ICP)
        return sf.account(key, industry="Agriculture", employees=50)

    # 1. product balance: two reps, $5M each in FY2026-Q1
    for key in ("PBA", "PBB"):
        sf.user(key, role=field)
    sf.opportunity(enterprise("PBA1"), rep("PBA"), 5_000_000, "2026-02-10", lines=[(core, 5_000_000)])
    sf.opportunity(enterprise("PBB1"), rep("PBB"), 5_000_000, "2026-02-10",
                   lines=[(core, 2_500_000), (analytics, 1_500_000), (services, 1_000_000)])

    # 2. version change on 2026-07-01: a Mid-Market Retail account is ICP under v1, not under v2
    sf.user("VER", role=field)
    retail = sf.account("VRET", industry="Retail", employees=500)
    sf.opportunity(retail, rep("VER"), 1000, "2026-05-15", key="VER_Q2", lines=[(core, 1000)])
    sf.opportunity(retail, rep("VER"), 500, "2026-06-30", key="VER_LASTV1", lines=[(analytics, 500)])
    sf.opportunity(retail, rep("VER"), 3000, "2026-07-01", key="VER_Q3", lines=[(core, 3000)])

    # 3. currency: EUR and JPY through DatedConversionRate, two periods each (boundary 2026-02-15); no USD rows
    sf.rate("EUR", 0.80, "2025-01-01", "2026-02-15")
    sf.rate("EUR", 0.90, "2026-02-15", "2027-01-01")
    sf.rate("JPY", 150, "2025-01-01", "2026-02-15")
    sf.rate("JPY", 160, "2026-02-15", "2027-01-01")
    sf.user("FX", role=field)
    fx_account = enterprise("FX1")
    sf.opportunity(fx_account, rep("FX"), 800, "2026-02-14", currency="EUR", key="FX_E1", lines=[(core, 800)])
    sf.opportunity(fx_account, rep("FX"), 1800, "2026-02-15", currency="EUR", key="FX_E2", lines=[(core, 1800)])
    sf.opportunity(fx_account, rep("FX"), 450_000, "2026-02-14", currency="JPY", key="FX_J1",
                   lines=[(core, 450_000)])
    sf.opportunity(fx_account, rep("FX"), 640_000, "2026-02-15", currency="JPY", key="FX_J2")  # no lines
    sf.opportunity(fx_account, rep("FX"), 720, "2026-02-20", created="2026-02-10", currency="EUR", key="FX_E3",
                   lines=[(core, 720)])
    sf.opportunity(fx_account, rep("FX"), 500, "2026-02-14", currency="USD", key="FX_U", lines=[(core, 500)])

    # 4. target account outside every ICP segment (Small Business) vs. a twin that is not a target account
    sf.user("TGT", role=field)
    sf.account("TGT1", industry="Agriculture", employees=50)
    twin = small("TGT2")
    sf.opportunity(TARGET_ACCOUNT, rep("TGT"), 1200, "2026-02-01", key="TGT_A", lines=[(core, 1000), (legacy, 200)])
    sf.opportunity(twin, rep("TGT"), 1200, "2026-02-01", key="TGT_B", lines=[(core, 1000), (legacy, 200)])

    # 5. a won opportunity without line items, and one whose only product maps to no line
    sf.user("UNM", role=field)
    unm = enterprise("UNM1")
    sf.opportunity(unm, rep("UNM"), 7000, "2026-03-01", key="UNM_NOLINES")
    sf.opportunity(unm, rep("UNM"), 9999, "2026-03-01", key="UNM_HW", lines=[(hardware, 3000)])

    # 6. two first wins of one account on the same day; and an account first won in an earlier year
    sf.user("SAME", role=field)
    same1, same2 = enterprise("SAME1"), enterprise("SAME2")
    sf.opportunity(same1, rep("SAME"), 1000, "2026-01-20", key="SAME_A", lines=[(core, 1000)])
    sf.opportunity(same1, rep("SAME"), 2000, "2026-01-20", key="SAME_B", lines=[(analytics, 2000)])
    sf.opportunity(same1, rep("SAME"), 500, "2026-03-05", key="SAME_C", lines=[(services, 500)])
    sf.opportunity(same2, rep("SAME"), 100, "2025-06-01", key="SAME_OLD", lines=[(core, 100)])
    sf.opportunity(same2, rep("SAME"), 400, "2026-01-20", key="SAME_D", lines=[(core, 400)])

    # 7. growth motions on one account, personas from contact titles
    sf.user("GM", role=field)
    gm = enterprise("GM1")
    ceo = sf.contact(gm, "Chief Executive Officer")  # Economic Buyer
    cfo = sf.contact(gm, "Chief Financial Officer")  # Finance Leader
    sf.opportunity(gm, rep("GM"), 1000, "2026-01-10", key="GM_1", lines=[(core, 1000)], contact=ceo)
    sf.opportunity(gm, rep("GM"), 2500, "2026-02-10", key="GM_2", lines=[(analytics, 2000), (core, 500)],
                   contact=ceo)
    sf.opportunity(gm, rep("GM"), 1500, "2026-03-10", key="GM_3", lines=[(core, 1500)], contact=cfo)
    sf.opportunity(gm, rep("GM"), 700, "2026-03-20", key="GM_4", lines=[(core, 700)], contact=cfo)
    sf.opportunity(gm, rep("GM"), 300, "2026-03-25", key="GM_5", lines=[(core, 300)])  # no contact: Unknown

    # 7b. persona choice: primary role, else earliest-created role, else Unknown
    sf.user("PER", role=field)
    per = enterprise("PER1")
    per_cfo, per_ceo = sf.contact(per, "CFO"), sf.contact(per, "CEO")
    per_analyst, per_gardener = sf.contact(per, "Business Analyst"), sf.contact(per, "Gardener")
    primary = sf.opportunity(per, rep("PER"), 100, "2026-02-01", key="PER_PRIMARY", lines=[(core, 100)])
    sf.contact_role(primary, per_cfo, primary=False, created="2020-01-01")
    sf.contact_role(primary, per_analyst, primary=True, created="2021-01-01")
    earliest = sf.opportunity(per, rep("PER"), 100, "2026-02-01", key="PER_EARLIEST", lines=[(core, 100)])
    sf.contact_role(earliest, per_ceo, primary=False, created="2021-01-01")
    sf.contact_role(earliest, per_cfo, primary=False, created="2020-01-01")
    sf.opportunity(per, rep("PER"), 100, "2026-02-01", key="PER_NOMATCH", lines=[(core, 100)],
                   contact=per_gardener)

    # 5b. upserts across two batch files: highest SystemModstamp wins, ties go to the later batch, IsDeleted removes
    sf.user("UPS", role=field)
    ups = enterprise("UPS1")
    for key, total in (("UPS_CHANGED", 1000), ("UPS_STALE", 2000), ("UPS_TIE", 300), ("UPS_DELETED", 5000)):
        deal = sf.opportunity(ups, rep("UPS"), total, "2026-02-01", key=key)
        sf.line_item(deal, core, total, key=f"L{key}")
    line = lambda key: sfid("00k", f"L{key}")  # noqa: E731
    sf.new_version("OpportunityLineItem", line("UPS_CHANGED"), 2, "2026-11-02T00:00:00.000+0000", TotalPrice=1500,
                   UnitPrice=1500)
    sf.new_version("OpportunityLineItem", line("UPS_STALE"), 2, "2026-10-01T00:00:00.000+0000", TotalPrice=9999,
                   UnitPrice=9999)
    sf.new_version("OpportunityLineItem", line("UPS_TIE"), 2, TotalPrice=400, UnitPrice=400)  # same SystemModstamp
    sf.new_version("Opportunity", opp("UPS_DELETED"), 2, "2026-11-02T00:00:00.000+0000", IsDeleted=True)
    sf.new_version("OpportunityLineItem", line("UPS_DELETED"), 2, "2026-11-02T00:00:00.000+0000", IsDeleted=True)

    # 5c. export formats: BOM, a quoted name with comma, quotes and newline, booleans in any case or 1/0, `Z` times
    sf.bom_objects.add("Account")
    sf.user("FMT", role=field)
    fmt = sf.account("FMT1", employees=5000, name=TRICKY_NAME)
    for key, won, closed in (("FMT_UPPER", "TRUE", "True"), ("FMT_ONE", "1", "1"), ("FMT_LOST", "FALSE", "0")):
        deal = sf.opportunity(fmt, rep("FMT"), 100, "2026-02-01", key=key, lines=[(core, 100)])
        sf.records["Opportunity"][-1].update(IsWon=won, IsClosed=closed, CreatedDate="2026-01-15T09:30:00Z")
        assert sf.records["Opportunity"][-1]["Id"] == deal

    # 8. a rep with pipeline and activities but no bookings in FY2026-Q1
    sf.user("PIPE", role=field)
    pipe_icp, pipe_small = enterprise("PIPE1"), small("PIPE2")
    sf.opportunity(pipe_icp, rep("PIPE"), 1000, "2026-09-30", won=False, closed=False, created="2026-02-01")
    sf.opportunity(pipe_small, rep("PIPE"), 3000, "2026-03-15", won=False, closed=True, created="2026-02-15")
    sf.task(rep("PIPE"), "2026-02-20", account=pipe_icp)

    # 8b. late stage: open and Probability >= late_stage_min_probability of the version in force today (v2: 70;
    # v1, in force when the deals were created, has the default 60)
    sf.user("LATE", role=field)
    late = enterprise("LATE1")
    for probability in (60, 70, 90):
        sf.opportunity(late, rep("LATE"), 100, "2026-12-20", won=False, closed=False, created="2026-02-01",
                       probability=probability, key=f"LATE_P{probability}")
    sf.opportunity(late, rep("LATE"), 100, "2026-03-20", won=False, closed=True, created="2026-02-01",
                   probability=90, key="LATE_LOST")

    # 9. red flags at and just below each default threshold (FY2026-Q1)
    for key in ("RFON_AT", "RFON_LOW", "RFCU_AT", "RFCU_LOW", "RFTI_AT", "RFTI_LOW", "RFTI_3RD", "RFALL"):
        sf.user(key, role=field)
    sf.opportunity(enterprise("RFON1"), rep("RFON_AT"), 10_000_000, "2026-02-05",
                   lines=[(core, 3_000_000), (legacy, 7_000_000)])
    sf.opportunity(enterprise("RFON2"), rep("RFON_LOW"), 10_000_000, "2026-02-05",
                   lines=[(core, 2_999_000), (legacy, 7_001_000)])
    sf.opportunity(enterprise("RFCU_I"), rep("RFCU_AT"), 1_000_000, "2026-02-05", lines=[(core, 1_000_000)])
    for n in range(3):
        sf.opportunity(small(f"RFCU_N{n}"), rep("RFCU_AT"), 100, "2026-02-05", lines=[(core, 100)])
    sf.opportunity(enterprise("RFCV_I"), rep("RFCU_LOW"), 1_000_000, "2026-02-05", lines=[(core, 1_000_000)])
    for n in range(4):
        sf.opportunity(small(f"RFCV_N{n}"), rep("RFCU_LOW"), 100, "2026-02-05", lines=[(core, 100)])
    for key, icp_minutes, other_minutes in (("RFTI_AT", 3333, 6667), ("RFTI_LOW", 3332, 6668),
                                            ("RFTI_3RD", 60, 120)):
        sf.event(rep(key), "2026-02-10", icp_minutes, account=enterprise(f"{key}_I"))
        sf.event(rep(key), "2026-02-11", other_minutes, account=small(f"{key}_N"))
    sf.opportunity(enterprise("RFALL_I"), rep("RFALL"), 100, "2026-02-05", lines=[(core, 100)])
    for n in range(4):
        sf.opportunity(small(f"RFALL_N{n}"), rep("RFALL"), 1000, "2026-02-05", lines=[(core, 1000)])
    sf.event(rep("RFALL"), "2026-02-10", 10, account=acct("RFALL_I"))
    sf.event(rep("RFALL"), "2026-02-10", 90, account=acct("RFALL_N0"))

    # 10. adherence: ADH has no events (icp_time_share NULL), ADH2 has events
    for key in ("ADH", "ADH2"):
        sf.user(key, role=field)
        sf.opportunity(enterprise(f"{key}_I"), rep(key), 1000, "2026-02-01", lines=[(core, 1000)])
        sf.opportunity(small(f"{key}_N"), rep(key), 3000, "2026-02-01", lines=[(core, 3000)])
    sf.event(rep("ADH2"), "2026-02-02", 30, account=acct("ADH2_I"))
    sf.event(rep("ADH2"), "2026-02-02", 90, account=acct("ADH2_N"))

    # 12. activities and pipeline of rep ACT
    sf.user("ACT", role=field)
    act_icp, act_small = enterprise("ACT_I"), small("ACT_N")
    opp_icp = sf.opportunity(act_icp, rep("ACT"), 3000, "2026-12-15", won=False, closed=False, created="2026-02-01")
    opp_small = sf.opportunity(act_small, rep("ACT"), 1000, "2026-12-15", won=False, closed=False,
                               created="2026-03-01")
    sf.opportunity(act_icp, rep("ACT"), 5000, "2026-12-15", won=False, closed=False, created="2025-12-31")
    sf.task(rep("ACT"), "2026-01-05", account=act_icp)  # T1: ICP by AccountId
    sf.task(rep("ACT"), "2026-01-06", what=act_icp)  # T2: ICP by WhatId 001...
    sf.task(rep("ACT"), "2026-01-07", what=opp_small)  # T3: not ICP, by WhatId 006... (the opportunity's account)
    sf.task(rep("ACT"), "2026-01-08", account=act_icp, status="Not Started")  # T4: not completed -> not counted
    sf.task(rep("ACT"), "2026-01-09")  # T5: completed, no account
    sf.event(rep("ACT"), "2026-02-01", 90, account=act_icp)  # E1
    sf.event(rep("ACT"), "2026-02-02", 30, what=opp_icp)  # E2: ICP through its opportunity
    sf.event(rep("ACT"), "2026-02-03", 60, account=act_small)  # E3
    sf.event(rep("ACT"), "2026-02-04", 45)  # E4: no account
    sf.event(rep("ACT"), "2026-04-02", 20, account=act_small)  # E5: FY2026-Q2

    # 12b. AccountId wins over WhatId; a rep whose only activity is an open task has no by_rep row
    sf.user("PREC", role=field)
    prec_icp, prec_small = enterprise("PREC_I"), small("PREC_N")
    prec_opp = sf.opportunity(prec_icp, rep("PREC"), 100, "2026-12-15", won=False, closed=False, created="2026-02-01")
    sf.task(rep("PREC"), "2026-02-05", account=prec_small, what=prec_icp)
    sf.event(rep("PREC"), "2026-02-06", 60, account=prec_small, what=prec_opp)
    sf.user("NOACC", role=field)
    sf.task(rep("NOACC"), "2026-02-05")
    sf.event(rep("NOACC"), "2026-02-06", 30)
    sf.user("IDLE", role=field)
    sf.task(rep("IDLE"), "2026-02-05", account=prec_icp, status="Not Started")
    sf.task(rep("IDLE"), "2026-02-06", account=prec_icp, status="Deferred")

    # segment rules: inclusive employee bounds, case-insensitive trimmed industries, country names and codes
    for key, industry, employees, country in (
            ("SEG200", "Retail", 200, "US"), ("SEG199", "retail", 199, "US"), ("SEG999", " RETAIL ", 999, "US"),
            ("SEG1000", "Retail", 1000, "US"), ("SEGNULL", "Retail", None, "US"),
            ("SEGDENAME", "Manufacturing", 300, "Germany"), ("SEGDECODE", "manufacturing", 300, "DE"),
            ("SEGFR", "Manufacturing", 300, "France")):
        sf.account(key, industry=industry, employees=employees, country=country)

    # 13. grain scenario, FY2025-Q3 only: teams East (G1, G2) and West (G3); G1 and G2 report to GME, who reports
    # to GHEAD with G3 (two levels); LA and LB name each other as manager (a loop in the data)
    sf.user("GHEAD", role=field)
    sf.user("GME", role=east, manager=rep("GHEAD"))
    sf.user("G1", role=east, manager=rep("GME"))
    sf.user("G2", role=east, manager=rep("GME"))
    sf.user("G3", role=west, manager=rep("GHEAD"))
    sf.user("LA", manager=rep("LB"))
    sf.user("LB", manager=rep("LA"))
    g_mmr = sf.account("GMMR", industry="Retail", employees=500)  # Mid-Market Retail, ICP
    g_smb = small("GSMB")  # Small Business
    g_ent = enterprise("GENT")  # Enterprise, ICP
    g_uns = sf.account("GUNS", industry="Banking", employees=500)  # no rule matches -> Unsegmented
    sf.opportunity(g_mmr, rep("G1"), 4000, "2025-08-01", key="G_B1", lines=[(core, 4000)],
                   contact=sf.contact(g_mmr, "CEO"))
    sf.opportunity(g_smb, rep("G1"), 1000, "2025-08-02", key="G_B2", lines=[(legacy, 1000)],
                   contact=sf.contact(g_smb, "Data Analyst"))
    sf.opportunity(g_ent, rep("G2"), 3000, "2025-08-03", key="G_B3", lines=[(analytics, 3000)],
                   contact=sf.contact(g_ent, "CFO"))
    sf.opportunity(g_uns, rep("G3"), 1500, "2025-08-04", key="G_B4", lines=[(core, 1500)])
    sf.opportunity(g_ent, rep("G3"), 500, "2025-09-10", key="G_B5")  # no lines: Unmapped
    return sf


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> ScenarioRun:
    return run_scenario(shared_root(tmp_path_factory), "metrics", build_landing().write, STRATEGY)


def by_rep(run: ScenarioRun, key: str, quarter: str = "FY2026-Q1") -> dict:
    return run.one("select * from marts.fct_strategy_adherence_by_rep where rep_id = ? and fiscal_quarter = ?",
                   [rep(key), quarter])


def bookings_of(run: ScenarioRun, opportunity_key: str) -> list[dict]:
    return run.rows("select * from marts.fct_bookings where opportunity_id = ? order by amount desc",
                    [opp(opportunity_key)])


# --- 1. product balance ---------------------------------------------------------------------------------------

def test_product_balance_all_core_scores_half(run):
    # s = Core 1, others 0; targets .5/.3/.2/0 (+Unmapped 0): 1 - 1/2 (|1-.5| + .3 + .2 + 0 + 0) = 0.5
    row = by_rep(run, "PBA")
    assert row["bookings_amount"] == pytest.approx(5_000_000)
    assert row["product_balance_score"] == pytest.approx(1 - 0.5 * (0.5 + 0.3 + 0.2), **APPROX)


def test_product_balance_target_mix_scores_one(run):
    # 2.5M / 1.5M / 1M of 5M = .5 / .3 / .2 = the targets exactly
    row = by_rep(run, "PBB")
    assert row["product_balance_score"] == pytest.approx(1.0, **APPROX)
    assert row["strategic_product_share"] == pytest.approx(1_500_000 / 5_000_000, **APPROX)


def test_product_balance_all_unmapped_scores_zero(run):
    # rep UNM books only Unmapped (target 0): 1 - 1/2 (.5 + .3 + .2 + 0 + |1 - 0|) = 0
    assert by_rep(run, "UNM")["product_balance_score"] == pytest.approx(0.0, **APPROX)


# --- 2. strategy versions --------------------------------------------------------------------------------------

def test_version_change_judges_each_booking_by_version_in_force_on_close_date(run):
    """v1 (Mid-Market Retail is ICP) until 2026-06-30; v2 (not ICP) from 2026-07-01, inside fiscal year 2026."""
    (q2,) = bookings_of(run, "VER_Q2")
    (last_v1,) = bookings_of(run, "VER_LASTV1")
    (q3,) = bookings_of(run, "VER_Q3")
    assert (q2["version_id"], q2["segment"], q2["is_icp"], q2["is_on_strategy"]) == (1, "Mid-Market Retail", True, True)
    assert (last_v1["version_id"], last_v1["is_icp"]) == (1, True)  # 2026-06-30: the day before v2
    assert (q3["version_id"], q3["segment"], q3["is_icp"], q3["is_on_strategy"]) == (2, "Mid-Market Retail", False,
                                                                                     False)
    assert q3["off_strategy_reason"] == "non_icp_account"
    assert (q2["fiscal_quarter"], q3["fiscal_quarter"]) == ("FY2026-Q2", "FY2026-Q3")


def test_version_change_does_not_rewrite_history(run):
    """Today (after 2026-07-01) the account is not ICP, yet the Q2 quarter keeps its v1 judgement."""
    q2, q3 = by_rep(run, "VER", "FY2026-Q2"), by_rep(run, "VER", "FY2026-Q3")
    assert q2["version_id"] == 1 and q3["version_id"] == 2
    assert q2["bookings_amount"] == pytest.approx(1000 + 500)
    assert q2["icp_share"] == pytest.approx(1.0) and q2["on_strategy_share"] == pytest.approx(1.0)
    assert q3["icp_share"] == pytest.approx(0.0) and q3["on_strategy_share"] == pytest.approx(0.0)
    account = run.one("select * from marts.dim_accounts where account_id = ?", [acct("VRET")])
    assert account["is_icp"] is False and account["segment"] == "Mid-Market Retail"
    assert str(account["first_won_date"]) == "2026-05-15"


def test_a_fiscal_year_keeps_each_lines_version_and_is_judged_by_the_years_version(run):
    """SPEC "Fiscal years": FY2026 of rep VER spans the v1 -> v2 change of 2026-07-01. Lines keep their own
    judgement (Q2's 1000 Core + 500 Analytics on strategy under v1, Q3's 3000 Core off strategy under v2); the year's
    score and target mix are v2's, the version in force on the year's last day (or on the as-of date while it runs,
    here after 2026-07-01 either way)."""
    year = run.one("select * from marts.fct_strategy_adherence_by_rep_year where rep_id = ? and fiscal_year = ?",
                   [rep("VER"), "FY2026"])
    assert year["fiscal_year_number"] == 2026 and year["version_id"] == 2
    assert year["bookings_amount"] == pytest.approx(1000 + 500 + 3000)
    assert year["booking_lines"] == 3 and year["opportunities_won"] == 3
    assert year["on_strategy_share"] == pytest.approx((1000 + 500) / 4500, **APPROX)
    assert year["icp_share"] == pytest.approx((1000 + 500) / 4500, **APPROX)
    assert year["strategic_product_share"] == pytest.approx(500 / 4500, **APPROX)
    # v2's target mix: Core .5, Analytics .3, Services .2, Legacy 0 (+ Unmapped 0)
    assert year["product_balance_score"] == pytest.approx(
        1 - 0.5 * (abs(4000 / 4500 - 0.5) + abs(500 / 4500 - 0.3) + 0.2), **APPROX)
    # v2's one objective: on_strategy_share, target .5, weight 1 -> 100 * min((1/3) / .5, 1)
    assert year["adherence_score"] == pytest.approx(100 * ((1500 / 4500) / 0.5), **APPROX)
    # the quarters of the year keep their own versions' scores: Q2 (v1) met every objective it has values for
    q2, q3 = by_rep(run, "VER", "FY2026-Q2"), by_rep(run, "VER", "FY2026-Q3")
    assert (q2["version_id"], q3["version_id"]) == (1, 2)
    assert year["bookings_amount"] == pytest.approx(q2["bookings_amount"] + q3["bookings_amount"])


def test_a_manager_rolls_up_every_seller_under_it_at_any_depth(run):
    """SPEC "Organisation", the grain scenario of FY2025-Q3 (the only business of that quarter): GME manages G1 and
    G2 (team East's 8000); GHEAD manages GME and G3, so everyone: the company's 10000."""
    rows = {r["manager_id"]: r for r in run.rows(
        "select * from marts.fct_strategy_adherence_by_manager where fiscal_quarter = 'FY2025-Q3'")}
    assert set(rows) == {rep("GME"), rep("GHEAD")}  # G1-G3 manage no one; LA and LB have no business
    east, head = rows[rep("GME")], rows[rep("GHEAD")]
    assert (east["reps"], head["reps"]) == (2, 3)
    assert east["bookings_amount"] == pytest.approx(4000 + 1000 + 3000)
    assert east["on_strategy_share"] == pytest.approx((4000 + 3000) / 8000)
    company = run.one("select * from marts.fct_strategy_adherence_company where fiscal_quarter = 'FY2025-Q3'")
    assert head["bookings_amount"] == pytest.approx(GRAIN_TOTAL) == pytest.approx(company["bookings_amount"])
    for column in ("on_strategy_share", "icp_share", "product_balance_score", "adherence_score", "red_flags"):
        assert head[column] == pytest.approx(company[column]), column
    reps = {r["rep_id"]: r for r in run.rows("select * from marts.dim_reps")}
    assert reps[rep("G1")]["manager_chain"] == f"{rep('GME')},{rep('GHEAD')}"
    assert reps[rep("G3")]["manager_chain"] == rep("GHEAD")
    assert reps[rep("GHEAD")]["manager_chain"] is None
    assert (reps[rep("GHEAD")]["is_manager"], reps[rep("GHEAD")]["is_seller"]) == (True, False)
    assert (reps[rep("G1")]["is_manager"], reps[rep("G1")]["is_seller"]) == (False, True)
    assert reps[rep("LA")]["manager_chain"] == rep("LB")  # the loop ends where it would repeat


def test_segment_target_share_comes_from_the_quarters_version(run):
    # Q2 (v1): Mid-Market Retail target .4, all 1500 of the quarter -> gap .6; Q3 (v2): target .2 -> gap .8
    rows = {r["fiscal_quarter"]: r for r in run.rows(
        "select * from marts.fct_strategy_adherence_by_segment where segment = 'Mid-Market Retail' "
        "and fiscal_quarter in ('FY2026-Q2', 'FY2026-Q3')")}
    assert rows["FY2026-Q2"]["target_share"] == pytest.approx(0.4)
    assert rows["FY2026-Q2"]["share_gap"] == pytest.approx(1.0 - 0.4)
    assert rows["FY2026-Q3"]["target_share"] == pytest.approx(0.2)
    assert rows["FY2026-Q3"]["share_gap"] == pytest.approx(1.0 - 0.2)
    assert rows["FY2026-Q3"]["is_icp_segment"] is False


@pytest.mark.parametrize(("key", "segment", "icp_today"), [
    ("SEG200", "Mid-Market Retail", False),  # min_employees 200 is inclusive (v2, today: the segment is not ICP)
    ("SEG199", "Small Business", False),  # max_employees 199 inclusive; "retail" matches Retail but 199 < 200
    ("SEG999", "Mid-Market Retail", False),  # " RETAIL ": industry compared trimmed, case-insensitive
    ("SEG1000", "Enterprise", True),
    ("SEGNULL", "Unsegmented", False),  # employees unknown: no rule with an employee bound matches
    ("SEGDENAME", "DACH Industry", True),  # BillingCountry "Germany" -> DE
    ("SEGDECODE", "DACH Industry", True),  # BillingCountry "DE"
    ("SEGFR", "Unsegmented", False),  # no rule matches: Unsegmented, not ICP
])
def test_segment_rules_first_match(run, key, segment, icp_today):
    row = run.one("select segment, is_icp from marts.dim_accounts where account_id = ?", [acct(key)])
    assert (row["segment"], row["is_icp"]) == (segment, icp_today)


# --- 3. currency ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("key", "currency", "original", "expected"), [
    ("FX_E1", "EUR", 800, 800 / 0.80),  # 2026-02-14: last day of the first period
    ("FX_E2", "EUR", 1800, 1800 / 0.90),  # 2026-02-15: StartDate of the second period (inclusive)
    ("FX_J1", "JPY", 450_000, 450_000 / 150),
    ("FX_J2", "JPY", 640_000, 640_000 / 160),
    ("FX_E3", "EUR", 720, 720 / 0.90),  # closed 2026-02-20: second period
    ("FX_U", "USD", 500, 500),  # reporting currency: rate 1 without any USD row
])
def test_booking_converted_at_close_date_rate(run, key, currency, original, expected):
    (line,) = bookings_of(run, key)
    assert line["currency"] == currency
    assert line["amount_original"] == pytest.approx(original)
    assert line["amount"] == pytest.approx(expected, **APPROX)


def test_pipeline_converted_at_created_date_rate(run):
    # FX_E3: created 2026-02-10 (EUR rate .80), closed 2026-02-20 (rate .90)
    row = run.one("select amount from marts.fct_pipeline where opportunity_id = ?", [opp("FX_E3")])
    assert row["amount"] == pytest.approx(720 / 0.80, **APPROX)


def test_fx_rep_totals_in_reporting_currency(run):
    row = by_rep(run, "FX")
    assert row["bookings_amount"] == pytest.approx(800 / 0.8 + 1800 / 0.9 + 450_000 / 150 + 640_000 / 160
                                                   + 720 / 0.9 + 500, **APPROX)
    assert row["pipeline_created_amount"] == pytest.approx(800 / 0.8 + 1800 / 0.9 + 450_000 / 150
                                                           + 640_000 / 160 + 720 / 0.8 + 500, **APPROX)


# --- 4. target accounts -----------------------------------------------------------------------------------------

def test_target_account_outside_icp_segments_counts_as_icp(run):
    lines = bookings_of(run, "TGT_A")  # Core 1000, Legacy 200
    assert [(r["product_line"], r["segment"], r["is_icp"], r["is_target_account"]) for r in lines] == [
        ("Core", "Small Business", True, True), ("Legacy", "Small Business", True, True)]
    assert [(r["is_on_strategy"], r["off_strategy_reason"]) for r in lines] == [
        (True, None), (False, "deprioritized_product")]


def test_non_target_twin_is_not_icp_and_reasons_are_sorted(run):
    lines = bookings_of(run, "TGT_B")
    assert [(r["product_line"], r["is_icp"], r["off_strategy_reason"]) for r in lines] == [
        ("Core", False, "non_icp_account"), ("Legacy", False, "deprioritized_product,non_icp_account")]


def test_target_account_rep_shares(run):
    row = by_rep(run, "TGT")
    total = 1200 + 1200
    assert row["icp_share"] == pytest.approx(1200 / total)
    assert row["on_strategy_share"] == pytest.approx(1000 / total)  # only the target account's Core line
    assert row["icp_customer_share"] == pytest.approx(1 / 2)


# --- 5. won opportunity without line items ----------------------------------------------------------------------

def test_won_opportunity_without_lines_is_one_unmapped_booking_of_its_amount(run):
    (line,) = bookings_of(run, "UNM_NOLINES")
    assert line["opportunity_line_item_id"] is None
    assert line["booking_line_id"] == opp("UNM_NOLINES")
    assert line["product_line"] == "Unmapped" and line["product_id"] is None
    assert line["amount"] == pytest.approx(7000)


def test_line_item_of_unmatched_product_is_unmapped_at_total_price(run):
    """A booking line's amount is TotalPrice; the opportunity Amount (9999) is not used when it has lines."""
    (line,) = bookings_of(run, "UNM_HW")
    assert line["opportunity_line_item_id"] is not None
    assert line["product_line"] == "Unmapped" and line["product_id"] == sfid("01t", "HARDWARE")
    assert line["amount"] == pytest.approx(3000)
    assert by_rep(run, "UNM")["bookings_amount"] == pytest.approx(7000 + 3000)


def test_upserts_across_batches(run):
    """Two batch files: newer SystemModstamp wins (1000 -> 1500), an older one in a later batch loses (2000 stays),
    a tie goes to the later batch (300 -> 400), and IsDeleted = true removes the deal (5000 gone)."""
    amounts = {key: [r["amount"] for r in bookings_of(run, key)]
               for key in ("UPS_CHANGED", "UPS_STALE", "UPS_TIE", "UPS_DELETED")}
    assert amounts == {"UPS_CHANGED": [1500], "UPS_STALE": [2000], "UPS_TIE": [400], "UPS_DELETED": []}
    assert by_rep(run, "UPS")["bookings_amount"] == pytest.approx(1500 + 2000 + 400)


def test_export_format_variants(run):
    assert run.one("select account_name from marts.dim_accounts where account_id = ?", [acct("FMT1")]) == {
        "account_name": TRICKY_NAME}
    won = run.query("select opportunity_id, sum(amount) from marts.fct_bookings where rep_id = ? group by 1",
                    [rep("FMT")])
    assert dict(won) == {opp("FMT_UPPER"): 100, opp("FMT_ONE"): 100}  # "TRUE" and "1" are true; "FALSE" is not
    created = run.query("select distinct cast(created_date as varchar), fiscal_quarter from marts.fct_pipeline "
                        "where rep_id = ?", [rep("FMT")])
    assert created == [("2026-01-15", "FY2026-Q1")]


# --- 6./7. growth motions ---------------------------------------------------------------------------------------

def test_two_first_wins_on_the_same_day_are_both_new_logo(run):
    assert [r["growth_motion"] for r in bookings_of(run, "SAME_A")] == ["new_logo"]
    assert [r["growth_motion"] for r in bookings_of(run, "SAME_B")] == ["new_logo"]
    assert [r["growth_motion"] for r in bookings_of(run, "SAME_C")] == ["cross_sell"]  # Services: new line


def test_new_logo_looks_at_all_history(run):
    # SAME2 was first won in 2025: a 2026 Core deal is not a new logo, nor a new line, nor a new persona
    assert [r["growth_motion"] for r in bookings_of(run, "SAME_OLD")] == ["new_logo"]
    assert [r["growth_motion"] for r in bookings_of(run, "SAME_D")] == ["expansion"]


def test_growth_motion_per_line(run):
    assert [r["growth_motion"] for r in bookings_of(run, "GM_1")] == ["new_logo"]
    # GM_2: Analytics 2000 never won before -> cross_sell; Core 500, same persona -> expansion
    assert [(r["product_line"], r["growth_motion"]) for r in bookings_of(run, "GM_2")] == [
        ("Analytics", "cross_sell"), ("Core", "expansion")]
    assert [(r["persona"], r["growth_motion"]) for r in bookings_of(run, "GM_3")] == [
        ("Finance Leader", "new_persona")]
    assert [(r["persona"], r["growth_motion"]) for r in bookings_of(run, "GM_4")] == [
        ("Finance Leader", "expansion")]  # the persona appeared on GM_3
    assert [(r["persona"], r["growth_motion"]) for r in bookings_of(run, "GM_5")] == [
        ("Unknown", "expansion")]  # Unknown is never a new persona


def test_growth_motion_shares_of_rep(run):
    row = by_rep(run, "GM")
    total = 1000 + 2500 + 1500 + 700 + 300
    assert row["bookings_amount"] == pytest.approx(total)
    assert row["new_logo_share"] == pytest.approx(1000 / total)
    assert row["cross_sell_share"] == pytest.approx(2000 / total)
    assert row["new_persona_share"] == pytest.approx(1500 / total)
    assert row["expansion_share"] == pytest.approx((500 + 700 + 300) / total)
    assert row["target_persona_share"] == pytest.approx((1000 + 2500) / total)  # Economic Buyer deals GM_1, GM_2


def test_persona_from_primary_then_earliest_role_then_unknown(run):
    assert [r["persona"] for r in bookings_of(run, "PER_PRIMARY")] == ["End User"]
    assert [r["persona"] for r in bookings_of(run, "PER_EARLIEST")] == ["Finance Leader"]
    assert [r["persona"] for r in bookings_of(run, "PER_NOMATCH")] == ["Unknown"]
    assert [r["is_target_persona"] for r in bookings_of(run, "GM_1")] == [True]  # Economic Buyer


# --- 8. reps without bookings -----------------------------------------------------------------------------------

def test_rep_with_pipeline_but_no_bookings_has_row_with_null_shares(run):
    row = by_rep(run, "PIPE")
    assert row["bookings_amount"] == 0 and row["booking_lines"] == 0
    for metric in ("on_strategy_share", "icp_share", "new_logo_share", "cross_sell_share", "new_persona_share",
                   "expansion_share", "strategic_product_share", "target_persona_share", "product_balance_score",
                   "icp_customer_share", "icp_time_share"):
        assert row[metric] is None, metric
    assert row["pipeline_created_amount"] == pytest.approx(1000 + 3000)
    assert row["icp_pipeline_share"] == pytest.approx(1000 / (1000 + 3000))
    assert row["activities"] == 1 and row["icp_activity_share"] == pytest.approx(1.0)
    assert row["red_flags"] == "" and row["red_flag_count"] == 0
    assert row["adherence_score"] is None  # every objective's metric is NULL


def test_late_stage_uses_todays_version_threshold_inclusive(run):
    late = dict(run.query("select opportunity_id, is_late_stage from marts.fct_pipeline where rep_id = ?",
                          [rep("LATE")]))
    assert late == {opp("LATE_P60"): False, opp("LATE_P70"): True, opp("LATE_P90"): True,
                    opp("LATE_LOST"): False}  # a closed deal is never late stage


def test_rep_with_only_events_has_row_and_no_booking_flags(run):
    row = by_rep(run, "RFTI_AT")
    assert row["bookings_amount"] == 0 and row["on_strategy_share"] is None and row["icp_customer_share"] is None
    assert row["red_flags"] == ""


# --- 9. red flags -----------------------------------------------------------------------------------------------
# Reading of the SPEC: a threshold named `<metric>_below` is breached when the metric is strictly below it; a
# metric exactly at the threshold is not flagged.

@pytest.mark.parametrize(("key", "metric", "value", "flags"), [
    ("RFON_AT", "on_strategy_share", 3_000_000 / 10_000_000, ""),
    ("RFON_LOW", "on_strategy_share", 2_999_000 / 10_000_000, "on_strategy_share_below"),
    ("RFCU_AT", "icp_customer_share", 1 / 4, ""),
    ("RFCU_LOW", "icp_customer_share", 1 / 5, "icp_customer_share_below"),
    ("RFTI_AT", "icp_time_share", 3333 / (3333 + 6667), ""),
    ("RFTI_LOW", "icp_time_share", 3332 / (3332 + 6668), "icp_time_share_below"),
    ("RFTI_3RD", "icp_time_share", 60 / (60 + 120), ""),  # one third is above 0.3333
])
def test_red_flag_at_and_below_default_threshold(run, key, metric, value, flags):
    """`<metric>_below: t` is breached when the metric is strictly below t (SPEC: "thresholds breached", named
    `_below`); exactly at t is not a breach. The thresholds are the SPEC defaults (v1 has no red_flags key)."""
    row = by_rep(run, key)
    assert row[metric] == pytest.approx(value, **APPROX)
    assert row["red_flags"] == flags
    assert row["red_flag_count"] == (1 if flags else 0)


def test_red_flags_sorted_and_counted(run):
    row = by_rep(run, "RFALL")
    assert row["on_strategy_share"] == pytest.approx(100 / 4100)
    assert row["icp_customer_share"] == pytest.approx(1 / 5)
    assert row["icp_time_share"] == pytest.approx(10 / 100)
    assert row["red_flags"] == "icp_customer_share_below,icp_time_share_below,on_strategy_share_below"
    assert row["red_flag_count"] == 3


def test_zero_icp_time_flags_but_null_does_not(run):
    # ACT in FY2026-Q2: one event of 20 minutes on a non-ICP account: icp_time_share 0 (not NULL) -> flagged
    row = by_rep(run, "ACT", "FY2026-Q2")
    assert row["icp_time_share"] == pytest.approx(0.0)
    assert row["red_flags"] == "icp_time_share_below" and row["red_flag_count"] == 1


# --- 10. adherence score ----------------------------------------------------------------------------------------
# v1 objectives: on_strategy_share target .5 weight 2; new_logo_share .25 weight 1; icp_time_share .5 weight 1

def test_adherence_excludes_null_objective_and_caps_at_target(run):
    row = by_rep(run, "ADH")
    assert row["on_strategy_share"] == pytest.approx(1000 / 4000)
    assert row["new_logo_share"] == pytest.approx(1.0)
    assert row["icp_time_share"] is None
    # on_strategy .25/.5 = .5 (w 2); new_logo min(1/.25, 1) = 1 (w 1); icp_time NULL: out of both sums
    assert row["adherence_score"] == pytest.approx(100 * (2 * 0.5 + 1 * 1) / (2 + 1), **APPROX)


def test_adherence_with_every_objective(run):
    row = by_rep(run, "ADH2")
    assert row["icp_time_share"] == pytest.approx(30 / (30 + 90))
    # + icp_time .25/.5 = .5 (w 1)
    assert row["adherence_score"] == pytest.approx(100 * (2 * 0.5 + 1 * 1 + 1 * 0.5) / (2 + 1 + 1), **APPROX)


def test_adherence_uses_quarter_version_objectives(run):
    # VER FY2026-Q3 is judged by v2: one objective, on_strategy_share target .5; actual 0 -> 0
    assert by_rep(run, "VER", "FY2026-Q3")["adherence_score"] == pytest.approx(0.0)
    # FY2026-Q2 (v1): on_strategy 1 -> 1 (w2); new_logo: VER_Q2 new logo 1000 of 1500 -> min(.667/.25, 1) = 1
    assert by_rep(run, "VER", "FY2026-Q2")["adherence_score"] == pytest.approx(100.0)


# --- 12. activities and pipeline --------------------------------------------------------------------------------

def test_icp_activity_share_counts_completed_tasks_and_events_with_an_account(run):
    row = by_rep(run, "ACT")
    # completed tasks T1, T2, T3, T5 + events E1..E4 (T4 not completed; E5 in Q2)
    assert row["activities"] == 4 + 4
    # with an account: T1, T2 (001 WhatId), T3 (006 WhatId), E1, E2 (006 WhatId), E3; ICP: T1, T2, E1, E2
    assert row["icp_activity_share"] == pytest.approx(4 / 6, **APPROX)


def test_icp_time_share_weights_event_minutes(run):
    row = by_rep(run, "ACT")
    assert row["icp_time_share"] == pytest.approx((90 + 30) / (90 + 30 + 60), **APPROX)  # E4 has no account
    assert row["event_minutes"] == pytest.approx(90 + 30 + 60 + 45)


def test_activity_account_resolved_from_what_id(run):
    rows = run.rows("select activity_type, account_id, is_icp, duration_minutes from marts.fct_activities "
                    "where rep_id = ? and fiscal_quarter = 'FY2026-Q1' order by activity_date", [rep("ACT")])
    assert [(r["activity_type"], r["account_id"], r["is_icp"]) for r in rows] == [
        ("task", acct("ACT_I"), True),  # T1
        ("task", acct("ACT_I"), True),  # T2
        ("task", acct("ACT_N"), False),  # T3
        ("task", None, None),  # T5
        ("event", acct("ACT_I"), True),  # E1
        ("event", acct("ACT_I"), True),  # E2
        ("event", acct("ACT_N"), False),  # E3
        ("event", None, None),  # E4
    ]


def test_account_id_wins_over_what_id(run):
    row = by_rep(run, "PREC")
    # task and event both carry AccountId = PREC_N (not ICP) and a WhatId pointing at the ICP account
    assert row["activities"] == 2
    assert row["icp_activity_share"] == pytest.approx(0.0)
    assert row["icp_time_share"] == pytest.approx(0.0)
    assert row["icp_pipeline_share"] == pytest.approx(1.0)


def test_activities_without_account_give_null_shares_and_no_flag(run):
    row = by_rep(run, "NOACC")
    assert row["activities"] == 2 and row["event_minutes"] == pytest.approx(30)
    assert row["icp_activity_share"] is None and row["icp_time_share"] is None
    assert (row["red_flags"], row["red_flag_count"]) == ("", 0)


def test_rep_with_only_open_tasks_has_no_row(run):
    assert run.query("select count(*) from marts.fct_strategy_adherence_by_rep where rep_id = ?", [rep("IDLE")]) \
        == [(0,)]
    assert run.query("select count(*) from marts.fct_activities where rep_id = ?", [rep("IDLE")]) == [(0,)]


def test_icp_pipeline_share_by_created_quarter(run):
    q1, q4 = by_rep(run, "ACT"), by_rep(run, "ACT", "FY2025-Q4")
    assert q1["pipeline_created_amount"] == pytest.approx(3000 + 1000)
    assert q1["icp_pipeline_share"] == pytest.approx(3000 / (3000 + 1000))
    assert q4["pipeline_created_amount"] == pytest.approx(5000) and q4["icp_pipeline_share"] == pytest.approx(1.0)
    assert q4["bookings_amount"] == 0 and q4["activities"] == 0
    # only icp_time_share is an objective with a value: min((2/3)/.5, 1) = 1
    assert q1["adherence_score"] == pytest.approx(100.0)


# --- 13. grains (FY2025-Q3 holds only the grain scenario) -----------------------------------------------------
# b1 G1 Mid-Market Retail  Core      4000 Economic Buyer  new_logo
# b2 G1 Small Business     Legacy    1000 End User        new_logo
# b3 G2 Enterprise         Analytics 3000 Finance Leader  new_logo
# b4 G3 Unsegmented        Core      1500 Unknown         new_logo
# b5 G3 Enterprise (b3's)  Unmapped   500 Unknown         cross_sell   (no lines)
GRAIN_QUARTER = "FY2025-Q3"
GRAIN_TOTAL = 4000 + 1000 + 3000 + 1500 + 500


def test_company_metrics_of_grain_quarter(run):
    row = run.one("select * from marts.fct_strategy_adherence_company where fiscal_quarter = ?", [GRAIN_QUARTER])
    assert row["bookings_amount"] == pytest.approx(GRAIN_TOTAL)
    assert (row["reps_selling"], row["booking_lines"], row["opportunities_won"], row["accounts_won"]) == (3, 5, 5, 4)
    assert row["on_strategy_share"] == pytest.approx((4000 + 3000 + 500) / GRAIN_TOTAL)
    assert row["icp_share"] == pytest.approx((4000 + 3000 + 500) / GRAIN_TOTAL)
    assert row["new_logo_share"] == pytest.approx((GRAIN_TOTAL - 500) / GRAIN_TOTAL)
    assert row["cross_sell_share"] == pytest.approx(500 / GRAIN_TOTAL)
    assert row["strategic_product_share"] == pytest.approx(3000 / GRAIN_TOTAL)
    assert row["target_persona_share"] == pytest.approx(4000 / GRAIN_TOTAL)
    assert row["icp_customer_share"] == pytest.approx(2 / 4)  # GMMR, GENT of GMMR, GSMB, GENT, GUNS
    # Core .55 vs .5, Analytics .3 vs .3, Services 0 vs .2, Legacy .1 vs 0, Unmapped .05 vs 0
    assert row["product_balance_score"] == pytest.approx(1 - 0.5 * (0.05 + 0 + 0.2 + 0.1 + 0.05), **APPROX)
    assert row["adherence_score"] == pytest.approx(100.0)  # both booking objectives above target, icp_time NULL
    assert row["red_flags"] == ""


def test_team_grain(run):
    rows = {r["team"]: r for r in run.rows(
        "select * from marts.fct_strategy_adherence_by_team where fiscal_quarter = ?", [GRAIN_QUARTER])}
    assert set(rows) == {"East", "West"}
    east, west = rows["East"], rows["West"]
    assert east["bookings_amount"] == pytest.approx(4000 + 1000 + 3000)
    assert west["bookings_amount"] == pytest.approx(1500 + 500)
    assert east["share_of_quarter"] == pytest.approx(8000 / GRAIN_TOTAL)
    assert west["share_of_quarter"] == pytest.approx(2000 / GRAIN_TOTAL)
    assert (east["reps_selling"], west["reps_selling"]) == (2, 1)
    assert east["target_share"] is None and east["share_gap"] is None
    assert east["on_strategy_share"] == pytest.approx((4000 + 3000) / 8000)
    assert west["on_strategy_share"] == pytest.approx(500 / 2000)
    assert (west["red_flags"], west["red_flag_count"]) == ("on_strategy_share_below", 1)  # .25 < .30
    assert (east["red_flags"], east["red_flag_count"]) == ("", 0)


def test_segment_grain(run):
    rows = {r["segment"]: r for r in run.rows(
        "select * from marts.fct_strategy_adherence_by_segment where fiscal_quarter = ?", [GRAIN_QUARTER])}
    expected = {  # segment: (bookings, target share, reps selling, is ICP segment)
        "Mid-Market Retail": (4000, 0.4, 1, True),
        "Small Business": (1000, 0.3, 1, False),
        "Enterprise": (3000 + 500, 0.3, 2, True),
        "Unsegmented": (1500, 0.0, 1, False),
    }
    assert set(rows) == set(expected)
    for segment, (amount, target, reps, icp) in expected.items():
        row = rows[segment]
        assert row["bookings_amount"] == pytest.approx(amount), segment
        assert row["share_of_quarter"] == pytest.approx(amount / GRAIN_TOTAL), segment
        assert row["target_share"] == pytest.approx(target), segment
        assert row["share_gap"] == pytest.approx(amount / GRAIN_TOTAL - target), segment
        assert row["reps_selling"] == reps, segment
        assert row["is_icp_segment"] is icp, segment
    # Enterprise mix: Analytics 3000/3500, Unmapped 500/3500 vs .5/.3/.2/0/0
    s_analytics, s_unmapped = 3000 / 3500, 500 / 3500
    assert rows["Enterprise"]["product_balance_score"] == pytest.approx(
        1 - 0.5 * (0.5 + abs(s_analytics - 0.3) + 0.2 + 0 + s_unmapped), **APPROX)


def test_product_grain_includes_target_lines_without_bookings(run):
    rows = {r["product_line"]: r for r in run.rows(
        "select * from marts.fct_strategy_adherence_by_product where fiscal_quarter = ?", [GRAIN_QUARTER])}
    expected = {  # line: (bookings, target, reps selling)
        "Core": (4000 + 1500, 0.5, 2),
        "Analytics": (3000, 0.3, 1),
        "Services": (0, 0.2, 0),  # target > 0, nothing sold: still a row
        "Legacy": (1000, 0.0, 1),
        "Unmapped": (500, 0.0, 1),
    }
    assert set(rows) == set(expected)
    for line, (amount, target, reps) in expected.items():
        row = rows[line]
        assert row["bookings_amount"] == pytest.approx(amount), line
        assert row["share_of_quarter"] == pytest.approx(amount / GRAIN_TOTAL), line
        assert row["target_share"] == pytest.approx(target), line
        assert row["share_gap"] == pytest.approx(amount / GRAIN_TOTAL - target), line
        assert row["reps_selling"] == reps, line
    assert rows["Services"]["on_strategy_share"] is None
    assert rows["Analytics"]["is_strategic"] is True and rows["Legacy"]["is_deprioritized"] is True
    assert rows["Core"]["on_strategy_share"] == pytest.approx(4000 / 5500)  # GUNS' 1500 is not ICP


def test_persona_grain(run):
    rows = {r["persona"]: r for r in run.rows(
        "select * from marts.fct_strategy_adherence_by_persona where fiscal_quarter = ?", [GRAIN_QUARTER])}
    expected = {"Economic Buyer": (4000, True), "End User": (1000, False), "Finance Leader": (3000, False),
                "Unknown": (1500 + 500, False)}
    assert set(rows) == set(expected)
    for persona, (amount, is_target) in expected.items():
        assert rows[persona]["bookings_amount"] == pytest.approx(amount), persona
        assert rows[persona]["share_of_quarter"] == pytest.approx(amount / GRAIN_TOTAL), persona
        assert rows[persona]["is_target_persona"] is is_target, persona
        assert rows[persona]["target_share"] is None
    assert rows["Unknown"]["reps_selling"] == 1


@pytest.mark.parametrize("grain", ["by_rep", "by_team", "by_segment", "by_product", "by_persona"])
def test_grain_bookings_sum_to_company_every_quarter(run, grain):
    sums = dict(run.query(f"select fiscal_quarter, sum(bookings_amount) from marts.fct_strategy_adherence_{grain} "
                          "group by fiscal_quarter having sum(bookings_amount) <> 0"))
    company = dict(run.query("select fiscal_quarter, bookings_amount from marts.fct_strategy_adherence_company "
                             "where bookings_amount <> 0"))
    facts = dict(run.query("select fiscal_quarter, sum(amount) from marts.fct_bookings group by fiscal_quarter"))
    assert set(sums) == set(company) == set(facts)
    for quarter, total in facts.items():
        assert sums[quarter] == pytest.approx(total), quarter
        assert company[quarter] == pytest.approx(total), quarter
    assert facts[GRAIN_QUARTER] == pytest.approx(GRAIN_TOTAL)


def test_no_stripe_folder_gives_empty_billing_marts(run):
    """The landing zone has no stripe/ folder: the billing marts exist and are empty."""
    for mart in ("fct_billing_lines", "fct_retention_by_icp", "billing_unmatched_customers"):
        assert run.query(f"select count(*) from marts.{mart}") == [(0,)], mart
