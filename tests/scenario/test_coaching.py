"""Honest tests of the SPEC's "Coaching" contract (fct_coaching): where a seller's adherence points went, the top gap
and its persistence. A tiny landing zone, one real `onstrategy run`, expected values worked out by hand.

The strategy (fiscal years start in January): Enterprise (1000+ employees) is the only ICP segment, Analytics the
only strategic product line. v1 (from 2025-01-01) has three objectives, on_strategy_share (target 0.6, weight 2),
strategic_product_share (0.5, 1) and icp_time_share (0.8, 1); v2 (from 2026-05-15, mid FY2026-Q2) keeps only
strategic_product_share (0.5, 1). Every rep reports to manager M, who sells nothing.

- Rep A, FY2025-Q1: 300k Analytics on an ICP account + 700k Core on a non-ICP one, no events, so icp_time_share is
  NULL and its weight leaves the denominator (3, not 4).
- Rep B, FY2025-Q1: on-strategy share 0.33 and strategic share 0.05 lose the same points (2 x (1 - 0.55) =
  1 x (1 - 0.1)) and icp_time_share meets its target (1.0): the tie goes to on_strategy_share by name.
- Rep C, FY2025-Q1..Q3: on_strategy_share is the top gap three quarters running (persistence 1, 2, 3); FY2025-Q4
  strategic_product_share (1: the top gap changed); FY2026-Q1 every target met (no top gap); FY2026-Q2
  strategic again (1: the quarter before had none), judged by v1 (in force when the quarter opened); FY2026-Q3 no
  bookings; FY2026-Q4 strategic again (1: a quarter without bookings ends the run), judged by v2.
- Rep D, FY2025-Q1: every target met: score 100, every points_lost 0, no top gap.

Expected values are written as the arithmetic on the inputs below, never copied from a run.
"""

import csv

import pytest

from tests.conftest import PROJECT_ROOT
from tests.scenario.landing import Landing, ScenarioRun, run_scenario, sfid, shared_root

pytestmark = pytest.mark.scenario

APPROX = {"rel": 1e-9, "abs": 1e-9}

SEGMENTS = """
    segments:
      - {name: Enterprise, min_employees: 1000, icp: true, target_share: 0.6}
      - {name: Small Business, max_employees: 999, icp: false, target_share: 0.4}
    product_lines:
      - {name: Core, families: [Core], target_share: 0.5}
      - {name: Analytics, families: [Analytics], target_share: 0.5, strategic: true}"""

# metric -> (target, weight)
V1 = {"on_strategy_share": (0.6, 2), "strategic_product_share": (0.5, 1), "icp_time_share": (0.8, 1)}
V2 = {"strategic_product_share": (0.5, 1)}


def _objectives(objectives: dict[str, tuple[float, float]]) -> str:
    return "\n".join(f"      - {{metric: {m}, target: {t}, weight: {w}}}" for m, (t, w) in objectives.items())


STRATEGY = f"""
reporting_currency: USD
fiscal_year_start_month: 1
versions:
  - name: v1 three objectives
    effective_from: 2025-01-01
    {SEGMENTS.strip()}
    objectives:
{_objectives(V1)}
  - name: v2 strategic only
    effective_from: 2026-05-15
    {SEGMENTS.strip()}
    objectives:
{_objectives(V2)}
"""


def rep(key: str) -> str:
    return sfid("005", key)


# rep -> fiscal quarter -> (close date, deals as (ICP account?, product family, amount))
ICP, NOT_ICP = True, False
A_DEALS = [(ICP, "Analytics", 300_000), (NOT_ICP, "Core", 700_000)]
B_DEALS = [(ICP, "Analytics", 50_000), (ICP, "Core", 280_000), (NOT_ICP, "Core", 670_000)]
C_ON_STRATEGY_GAP = A_DEALS  # on-strategy 0.3, strategic 0.3
C_STRATEGIC_GAP = [(ICP, "Core", 900_000), (ICP, "Analytics", 100_000)]  # on-strategy 1.0, strategic 0.1
ALL_MET = [(ICP, "Analytics", 1_000_000)]  # on-strategy 1.0, strategic 1.0
DEALS = {
    "A": {"FY2025-Q1": ("2025-02-10", A_DEALS)},
    "B": {"FY2025-Q1": ("2025-02-10", B_DEALS)},
    "C": {
        "FY2025-Q1": ("2025-02-10", C_ON_STRATEGY_GAP),
        "FY2025-Q2": ("2025-05-10", C_ON_STRATEGY_GAP),
        "FY2025-Q3": ("2025-08-10", C_ON_STRATEGY_GAP),
        "FY2025-Q4": ("2025-11-10", C_STRATEGIC_GAP),
        "FY2026-Q1": ("2026-02-10", ALL_MET),
        "FY2026-Q2": ("2026-05-20", C_STRATEGIC_GAP),  # after v2's effective_from: still the quarter of v1
        "FY2026-Q4": ("2026-11-10", C_STRATEGIC_GAP),
    },
    "D": {"FY2025-Q1": ("2025-02-10", ALL_MET)},
}
B_EVENT_MINUTES = 90  # B's only event, on an ICP account: icp_time_share 1.0


def build_landing() -> Landing:
    sf = Landing()
    field, leaders = sf.role("FIELD", "Field"), sf.role("LEAD", "Sales Leadership")
    manager = sf.user("M", name="Manager M", role=leaders)
    for key in DEALS:
        sf.user(key, name=f"Rep {key}", role=field, manager=manager)
    products = {family: sf.product(family.upper(), family) for family in ("Core", "Analytics")}
    icp_account = sf.account("ENT", employees=5000)
    other_account = sf.account("SMB", employees=50)
    for key, quarters in DEALS.items():
        for close, deals in quarters.values():
            for is_icp, family, amount in deals:
                sf.opportunity(icp_account if is_icp else other_account, rep(key), amount, close,
                               lines=[(products[family], amount)])
    sf.event(rep("B"), "2025-02-11", B_EVENT_MINUTES, account=icp_account)
    return sf


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> ScenarioRun:
    return run_scenario(shared_root(tmp_path_factory), "coaching", build_landing().write, STRATEGY)


def coaching(run: ScenarioRun, key: str, quarter: str) -> dict[str, dict]:
    return {r["metric"]: r for r in run.rows(
        "select * from marts.fct_coaching where rep_id = ? and fiscal_quarter = ?", [rep(key), quarter])}


def score(run: ScenarioRun, key: str, quarter: str) -> float:
    return run.one("select adherence_score from marts.fct_strategy_adherence_by_rep where rep_id = ? and "
                   "fiscal_quarter = ?", [rep(key), quarter])["adherence_score"]


def points(actual: float, target: float, weight: float, weights: float) -> float:
    return 100 * weight * (1 - min(actual / target, 1)) / weights


def top_gap(rows: dict[str, dict]) -> list[tuple[str, int | None]]:
    return [(m, r["persistence_quarters"]) for m, r in rows.items() if r["is_top_gap"]]


# --- rep A: a NULL objective leaves the weights -----------------------------------------------------------------

def test_a_null_objective_has_no_row_and_leaves_the_denominator(run):
    rows = coaching(run, "A", "FY2025-Q1")
    assert set(rows) == {"on_strategy_share", "strategic_product_share"}  # no events: icp_time_share is NULL
    weights = 2 + 1  # not 2 + 1 + 1
    on_strategy = strategic = 300_000 / (300_000 + 700_000)
    expected = {"on_strategy_share": points(on_strategy, 0.6, 2, weights),  # 100 x 2 x 0.5 / 3 = 33.33
                "strategic_product_share": points(strategic, 0.5, 1, weights)}  # 100 x 1 x 0.4 / 3 = 13.33
    assert expected["on_strategy_share"] == pytest.approx(100 / 3)
    assert expected["strategic_product_share"] == pytest.approx(40 / 3)
    for metric, lost in expected.items():
        row = rows[metric]
        assert row["points_lost"] == pytest.approx(lost, **APPROX), metric
        assert (row["target"], row["weight"]) == (pytest.approx(V1[metric][0]), pytest.approx(V1[metric][1]))
        assert row["actual"] == pytest.approx(0.3, **APPROX)
    # 100 - the points lost is the score: 100 x (2 x 0.5 + 1 x 0.6) / 3 = 53.33
    expected_score = 100 * (2 * 0.5 + 1 * 0.6) / weights
    assert score(run, "A", "FY2025-Q1") == pytest.approx(expected_score, **APPROX)
    assert 100 - sum(r["points_lost"] for r in rows.values()) == pytest.approx(expected_score, **APPROX)
    assert [r["adherence_score"] for r in rows.values()] == [pytest.approx(expected_score, **APPROX)] * 2
    assert top_gap(rows) == [("on_strategy_share", 1)]


def test_rows_carry_the_direct_manager_the_topic_and_the_quarter(run):
    with (PROJECT_ROOT / "seeds" / "coaching_topics.csv").open(newline="", encoding="utf-8") as handle:
        topics = {row["metric"]: row["topic"] for row in csv.DictReader(handle)}
    for metric, row in coaching(run, "A", "FY2025-Q1").items():
        assert (row["manager_id"], row["manager_name"]) == (rep("M"), "Manager M")
        assert (row["rep_name"], row["team"], row["version_id"]) == ("Rep A", "Field", 1)
        assert row["topic"] == topics[metric]
        assert row["fiscal_quarter_index"] == 2025 * 4 + 0
    # the manager sells nothing: no rows of their own
    assert run.query("select count(*) from marts.fct_coaching where rep_id = ?", [rep("M")]) == [(0,)]


# --- rep B: a tie broken by metric name -------------------------------------------------------------------------

def test_a_tie_goes_to_the_first_metric_name(run):
    rows = coaching(run, "B", "FY2025-Q1")
    assert set(rows) == set(V1)  # B's event makes icp_time_share count: the weights are 4
    weights = 2 + 1 + 1
    on_strategy, strategic = (50_000 + 280_000) / 1_000_000, 50_000 / 1_000_000  # 0.33, 0.05
    # 100 x 2 x (1 - 0.33 / 0.6) / 4 = 100 x 1 x (1 - 0.05 / 0.5) / 4 = 22.5
    tied = 22.5
    assert rows["on_strategy_share"]["actual"] == pytest.approx(on_strategy, **APPROX)
    assert rows["strategic_product_share"]["actual"] == pytest.approx(strategic, **APPROX)
    assert rows["icp_time_share"]["actual"] == pytest.approx(1.0)
    assert rows["on_strategy_share"]["points_lost"] == pytest.approx(tied, **APPROX)
    assert rows["strategic_product_share"]["points_lost"] == pytest.approx(tied, **APPROX)
    assert rows["icp_time_share"]["points_lost"] == 0  # target met
    # in doubles the first is 22.499999999999996 and the second 22.5: equal to 9 decimals they tie, and the tie
    # goes to "on_strategy_share" < "strategic_product_share", not to the last bit
    assert points(on_strategy, 0.6, 2, weights) < points(strategic, 0.5, 1, weights)
    assert top_gap(rows) == [("on_strategy_share", 1)]
    assert score(run, "B", "FY2025-Q1") == pytest.approx(100 * (2 * 0.55 + 1 * 0.1 + 1 * 1) / weights, **APPROX)
    assert score(run, "B", "FY2025-Q1") == pytest.approx(100 - 2 * tied, **APPROX)  # 55


# --- rep C: persistence -----------------------------------------------------------------------------------------

def test_persistence_counts_three_quarters_then_resets_when_the_gap_changes(run):
    expected = {  # quarter -> (top gap, persistence)
        "FY2025-Q1": [("on_strategy_share", 1)],
        "FY2025-Q2": [("on_strategy_share", 2)],
        "FY2025-Q3": [("on_strategy_share", 3)],
        "FY2025-Q4": [("strategic_product_share", 1)],  # another top gap
        "FY2026-Q1": [],  # every target met: no top gap
        "FY2026-Q2": [("strategic_product_share", 1)],  # the quarter before had no top gap
        "FY2026-Q4": [("strategic_product_share", 1)],  # FY2026-Q3 had no bookings
    }
    for quarter, gap in expected.items():
        assert top_gap(coaching(run, "C", quarter)) == gap, quarter
    assert coaching(run, "C", "FY2026-Q3") == {}


def test_a_strategic_gap_quarter_in_numbers(run):
    rows = coaching(run, "C", "FY2025-Q4")
    weights = 2 + 1  # no events: icp_time_share NULL
    assert rows["on_strategy_share"]["points_lost"] == 0  # 1.0 against 0.6: capped, nothing lost
    strategic = 100_000 / 1_000_000
    assert rows["strategic_product_share"]["points_lost"] == pytest.approx(points(strategic, 0.5, 1, weights),
                                                                            **APPROX)  # 100 x 0.8 / 3
    assert rows["on_strategy_share"]["persistence_quarters"] is None  # set on the top gap only


def test_the_quarter_is_judged_by_the_version_in_force_when_it_opened(run):
    q2 = coaching(run, "C", "FY2026-Q2")  # v2 took effect on 2026-05-15, after the quarter opened
    assert set(q2) == {"on_strategy_share", "strategic_product_share"}
    assert {r["version_id"] for r in q2.values()} == {1}
    q4 = coaching(run, "C", "FY2026-Q4")  # v2's one objective: weights 1
    assert set(q4) == {"strategic_product_share"}
    assert q4["strategic_product_share"]["version_id"] == 2
    assert q4["strategic_product_share"]["points_lost"] == pytest.approx(points(0.1, 0.5, 1, 1), **APPROX)  # 80
    assert score(run, "C", "FY2026-Q4") == pytest.approx(100 * 0.1 / 0.5, **APPROX)  # 20


# --- rep D: nothing lost ----------------------------------------------------------------------------------------

def test_a_seller_who_met_every_target_has_no_top_gap(run):
    rows = coaching(run, "D", "FY2025-Q1")
    assert set(rows) == {"on_strategy_share", "strategic_product_share"}
    assert [r["points_lost"] for r in rows.values()] == [0, 0]
    assert top_gap(rows) == []
    assert [r["persistence_quarters"] for r in rows.values()] == [None, None]
    assert score(run, "D", "FY2025-Q1") == pytest.approx(100)


def test_every_seller_quarter_adds_up(run):
    """The singular dbt test's invariant, here on the scenario's every seller-quarter."""
    rows = run.rows("""
        select by_rep.rep_id, by_rep.fiscal_quarter, by_rep.adherence_score, sum(coaching.points_lost) as lost,
               count(case when coaching.is_top_gap then 1 end) as top_gaps,
               count(case when coaching.points_lost > 0 then 1 end) as losing
        from marts.fct_strategy_adherence_by_rep as by_rep
        left join marts.fct_coaching as coaching
            on coaching.rep_id = by_rep.rep_id and coaching.fiscal_quarter = by_rep.fiscal_quarter
        where by_rep.booking_lines > 0
        group by all""")
    assert len(rows) == 1 + 1 + 7 + 1  # A, B, C's seven quarters with bookings, D
    for row in rows:
        assert 100 - row["lost"] == pytest.approx(row["adherence_score"], **APPROX), row
        assert row["top_gaps"] == (1 if row["losing"] else 0), row
