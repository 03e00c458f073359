"""Honest tests of the SPEC's "Sales alignment plans" and the management line ("Organisation"): a tiny landing zone,
one real `onstrategy run`, expected values worked out by hand from the records below.

The organisation (four levels): CEO C -> VP Sales V -> managers ME (East) and MW (West) -> sellers E1 (East) and W1
(West); seller S1 (South) reports to V; N1 (North) reports to V and sells nothing, so North is no team.

Fiscal years start in January. v1 (2025) has no plans; v2 (from 2026-01-01) has plans for East and West, none for
South. The baseline of v2 is 2025-Q1..Q4: East books $600 there, West $400, South nothing (w = 0.6, 0.4, 0).
"""

import pytest

from tests.scenario.landing import Landing, ScenarioRun, run_scenario, sfid, shared_root

pytestmark = pytest.mark.scenario

APPROX = {"rel": 1e-9, "abs": 1e-9}


def user(key: str) -> str:
    return sfid("005", key)


STRATEGY = f"""
reporting_currency: USD
fiscal_year_start_month: 1
versions:
  - name: v1 no plans
    effective_from: 2025-01-01
    segments:
      - {{name: Enterprise, min_employees: 1000, icp: true, target_share: 0.6}}
      - {{name: Small Business, max_employees: 999, icp: false, target_share: 0.4}}
    product_lines:
      - {{name: Core, families: [Core], target_share: 0.9}}
      - {{name: Legacy, families: [Legacy], target_share: 0.1, deprioritized: true}}
    objectives:
      - {{metric: on_strategy_share, target: 0.60, weight: 1}}
      - {{metric: new_logo_share, target: 0.30, weight: 1}}
  - name: v2 with plans
    effective_from: 2026-01-01
    segments:
      - {{name: Enterprise, min_employees: 1000, icp: true, target_share: 0.6}}
      - {{name: Small Business, max_employees: 999, icp: false, target_share: 0.4}}
    product_lines:
      - {{name: Core, families: [Core], target_share: 0.9}}
      - {{name: Legacy, families: [Legacy], target_share: 0.1, deprioritized: true}}
    objectives:
      - {{metric: on_strategy_share, target: 0.60, weight: 1}}
      - {{metric: new_logo_share, target: 0.30, weight: 1}}
    alignment_plans:
      - team: East
        approved_by: Mia East               # the East manager, by name
        approved_on: 2025-12-15
        priorities:
          - {{metric: on_strategy_share, target: 0.70, action: ICP accounts only}}
        drop:
          - {{product_line: Legacy, max_share: 0.10}}
      - team: West
        approved_by: "{user("V")}"   # the VP, by User Id
        approved_on: 2025-12-20
        priorities:
          - {{metric: on_strategy_share, target: 0.40}}
          - {{metric: cross_sell_share, target: 0.20}}
"""


def build(folder):
    land = Landing()
    ceo, vp = land.role("CEO", "CEO"), land.role("VP", "VP Sales")
    east_mgr, west_mgr = land.role("EM", "East Manager"), land.role("WM", "West Manager")
    east, west, south, north = (land.role(k, k.title()) for k in ("EAST", "WEST", "SOUTH", "NORTH"))
    c = land.user("C", "Chief", ceo)
    v = land.user("V", "Vera VP", vp, manager=c)
    me = land.user("ME", "Mia East", east_mgr, manager=v)
    mw = land.user("MW", "Max West", west_mgr, manager=v)
    e1 = land.user("E1", "Eve Seller", east, manager=me)
    w1 = land.user("W1", "Will Seller", west, manager=mw)
    s1 = land.user("S1", "Sam Seller", south, manager=v)
    land.user("N1", "Ned Idle", north, manager=v)
    icp1, icp2 = land.account("ICP1", employees=5000), land.account("ICP2", employees=5000)
    small1, small2 = land.account("SMB1", employees=50), land.account("SMB2", employees=50)
    core, legacy = land.product("CORE", "Core"), land.product("LEG", "Legacy")
    # baseline (2025): East $600 = a new logo on ICP1 ($300) and a repeat on it ($300): new-logo share 0.5;
    # West $400 = one new logo on SMB1: new-logo share 1.0
    land.opportunity(icp1, e1, 300, "2025-02-10", lines=[(core, 300)])
    land.opportunity(icp1, e1, 300, "2025-05-10", lines=[(core, 300)])
    land.opportunity(small1, w1, 400, "2025-03-10", lines=[(core, 400)])
    # 2026-Q1: East $90 Core + $10 Legacy on ICP2 (on-strategy 0.9, Legacy share 0.1: the drop is met at its
    # bound); West $100 on SMB1 again (on-strategy 0, cross-sell 0); South $100 on SMB2
    land.opportunity(icp2, e1, 100, "2026-02-10", lines=[(core, 90), (legacy, 10)])
    land.opportunity(small1, w1, 100, "2026-02-11", lines=[(core, 100)])
    land.opportunity(small2, s1, 100, "2026-02-12", lines=[(core, 100)])
    # 2026-Q2: East $50 Core + $50 Legacy on ICP2 (on-strategy 0.5, Legacy share 0.5: the drop is missed)
    land.opportunity(icp2, e1, 100, "2026-05-10", lines=[(core, 50), (legacy, 50)])
    land.write(folder)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> ScenarioRun:
    return run_scenario(shared_root(tmp_path_factory), "alignment", build, STRATEGY)


def test_line_of_sight_direct_not_covered_no_plan_indirect(run: ScenarioRun) -> None:
    rows = {(r["team"], r["metric"]): (r["line_of_sight"], r["company_target"], r["team_target"])
            for r in run.rows("select * from marts.fct_alignment_line_of_sight")}
    assert {r[0] for r in run.query("select distinct version_id from marts.fct_alignment_line_of_sight")} == {2}
    assert rows == {
        ("East", "on_strategy_share"): ("direct", 0.60, 0.70),
        ("East", "new_logo_share"): ("not_covered", 0.30, None),
        ("West", "on_strategy_share"): ("direct", 0.60, 0.40),
        ("West", "new_logo_share"): ("not_covered", 0.30, None),
        ("West", "cross_sell_share"): ("indirect", None, 0.20),  # a priority the company has no objective on
        ("South", "on_strategy_share"): ("no_plan", 0.60, None),
        ("South", "new_logo_share"): ("no_plan", 0.30, None),
    }  # North has no seller: not a team


def test_rollup_is_the_spec_example(run: ScenarioRun) -> None:
    rollup = {r["metric"]: r for r in run.rows("select * from marts.fct_alignment_rollup where version_id = 2")}
    east_w, west_w = 600 / 1000, 400 / 1000  # South booked nothing in 2025: weight 0
    implied = east_w * 0.70 + west_w * 0.40
    assert implied == pytest.approx(0.58)
    assert rollup["on_strategy_share"]["implied_target"] == pytest.approx(implied, **APPROX)
    assert rollup["on_strategy_share"]["plan_gap"] == pytest.approx(implied - 0.60, **APPROX)  # -0.02
    # no plan sets a new-logo target: each team's own 2025 actual stands in (East 300/600, West 400/400)
    implied_new_logo = east_w * (300 / 600) + west_w * (400 / 400)
    assert rollup["new_logo_share"]["implied_target"] == pytest.approx(implied_new_logo, **APPROX)
    assert rollup["new_logo_share"]["plan_gap"] == pytest.approx(implied_new_logo - 0.30, **APPROX)
    assert run.query("select count(*) from marts.fct_alignment_rollup where version_id = 1") == [(0,)]


def test_progress_and_drops(run: ScenarioRun) -> None:
    progress = {(r["fiscal_quarter"], r["team"], r["metric"]): (r["actual"], r["met"])
                for r in run.rows("select * from marts.fct_alignment_progress")}
    assert progress[("FY2026-Q1", "East", "on_strategy_share")] == (pytest.approx(90 / 100), True)
    assert progress[("FY2026-Q1", "West", "on_strategy_share")] == (0.0, False)
    assert progress[("FY2026-Q1", "West", "cross_sell_share")] == (0.0, False)  # a repeat Core deal on SMB1
    assert progress[("FY2026-Q2", "East", "on_strategy_share")] == (pytest.approx(50 / 100), False)
    assert progress[("FY2026-Q2", "West", "on_strategy_share")] == (None, None)  # West booked nothing
    assert not [key for key in progress if key[0].startswith("FY2025")]  # v1 has no plans
    drops = {(r["fiscal_quarter"], r["team"], r["product_line"]): (r["max_share"], r["actual_share"], r["met"])
             for r in run.rows("select * from marts.fct_alignment_drops")}
    assert drops == {
        ("FY2026-Q1", "East", "Legacy"): (0.10, pytest.approx(10 / 100), True),  # at the bound: met
        ("FY2026-Q2", "East", "Legacy"): (0.10, pytest.approx(50 / 100), False),
    }


def test_no_approved_plan_flag_only_where_the_version_has_plans(run: ScenarioRun) -> None:
    flags = {(r["fiscal_quarter"], r["team"]): r["red_flags"].split(",") if r["red_flags"] else []
             for r in run.rows("select fiscal_quarter, team, red_flags from marts.fct_strategy_adherence_by_team")}
    assert "no_approved_plan" in flags[("FY2026-Q1", "South")]
    assert "no_approved_plan" not in flags[("FY2026-Q1", "East")]
    assert "no_approved_plan" not in flags[("FY2026-Q1", "West")]
    assert all("no_approved_plan" not in f for (quarter, _), f in flags.items() if quarter.startswith("FY2025"))
    assert all(f == sorted(f) for f in flags.values())  # still sorted, comma-joined
    count = run.one("select red_flag_count from marts.fct_strategy_adherence_by_team "
                    "where fiscal_quarter = 'FY2026-Q1' and team = 'South'")["red_flag_count"]
    assert count == len(flags[("FY2026-Q1", "South")])


def test_management_chain_rolls_up_every_level(run: ScenarioRun) -> None:
    booked = {(r["fiscal_quarter"], r["manager_id"]): r["bookings_amount"]
              for r in run.rows("select * from marts.fct_strategy_adherence_by_manager")}
    # 2026-Q1: East 100, West 100, South 100; the CEO and the VP see all of it, each manager their own team
    assert booked[("FY2026-Q1", user("C"))] == pytest.approx(300)
    assert booked[("FY2026-Q1", user("V"))] == pytest.approx(300)
    assert booked[("FY2026-Q1", user("ME"))] == pytest.approx(100)
    assert booked[("FY2026-Q1", user("MW"))] == pytest.approx(100)
    company = run.one("select bookings_amount from marts.fct_strategy_adherence_company "
                      "where fiscal_quarter = 'FY2026-Q1'")["bookings_amount"]
    assert booked[("FY2026-Q1", user("C"))] == pytest.approx(company)
