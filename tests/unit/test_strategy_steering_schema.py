"""The strategy keys of the SPEC's "Steering" (strategy credit per version, top-level exceptions): each mistake is
one clear problem at its YAML path; Ids are normalised to 18 characters; a strategy without them is valid as before.

The strategy here is a minimal one of this file's own (not the shipped strategy.yml, which other work changes).
"""

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from onstrategy.strategy import load_strategy, strategy_tables
from onstrategy.strategy.load import StrategyError

BASE: dict[str, Any] = {
    "reporting_currency": "USD",
    "fiscal_year_start_month": 1,
    "versions": [{
        "name": "v1",
        "effective_from": "2026-01-01",
        "segments": [{"name": "Enterprise", "min_employees": 1000, "icp": True}],
        "product_lines": [{"name": "Core", "families": ["Core"], "target_share": 1.0}],
    }],
}

# A 15-character Opportunity Id with mixed case and its 18-character form, worked out by hand: the checksum takes
# the three 5-character chunks, sets bit i (least significant first) where character i is an upper-case letter,
# and writes each chunk's number as a character of A..Z0..5:
#   "006Ab": A at position 3 -> 8 -> "I";  "00000": 0 -> "A";  "XyZ12": X at 0, Z at 2 -> 1 + 4 = 5 -> "F"
OPPORTUNITY_15, OPPORTUNITY_18 = "006Ab00000XyZ12", "006Ab00000XyZ12IAF"
#   "001Q0": Q at 3 -> 8 -> "I";  "000aB": B at 4 -> 16 -> "Q";  "cDe00": D at 1 -> 2 -> "C"
ACCOUNT_15, ACCOUNT_18 = "001Q0000aBcDe00", "001Q0000aBcDe00IQC"

EXCEPTION: dict[str, Any] = {"opportunity_id": OPPORTUNITY_18, "reason": "long_term_opportunity",
                             "approved_by": "VP Sales", "approved_on": "2026-03-01"}

PREDICATES = ("not_icp, not_target_account, deprioritized_product, strategic_product, new_logo, cross_sell, "
              "new_persona, target_persona, new_segment, new_product")
REASONS = "long_term_opportunity, leverage_contact, low_effort, other"


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "strategy.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def _problems(tmp_path: Path, data: dict) -> list[str]:
    with pytest.raises(StrategyError) as error:
        load_strategy(_write(tmp_path, data))
    return [f"{p.path}: {p.message}" for p in error.value.problems]


def _with_credit(credit: dict) -> dict:
    data = copy.deepcopy(BASE)
    data["versions"][0]["credit"] = credit
    return data


def _with_exception(**changes: Any) -> dict:
    data = copy.deepcopy(BASE)
    exception = {**EXCEPTION, **changes}
    data["exceptions"] = [{k: v for k, v in exception.items() if v is not None}]
    return data


def test_the_ids_above_are_what_the_normaliser_makes_of_them() -> None:
    from onstrategy.ingest.salesforce_ids import to_18

    assert (to_18(OPPORTUNITY_15), to_18(ACCOUNT_15)) == (OPPORTUNITY_18, ACCOUNT_18)


@pytest.mark.parametrize(("data", "expected"), [
    pytest.param(_with_credit({"rules": [{"when": "happy_customer", "multiplier": 2}]}),
                 f"versions[0].credit.rules[0].when: unknown predicate 'happy_customer'; known: {PREDICATES}",
                 id="unknown predicate"),
    pytest.param(_with_credit({"rules": [{"when": "not_icp", "multiplier": 0.5},
                                         {"when": "new_logo", "multiplier": -1}]}),
                 "versions[0].credit.rules[1].multiplier: Input should be greater than or equal to 0",
                 id="negative multiplier"),
    pytest.param(_with_credit({"rules": [{"when": "not_icp", "multiplier": 0.5},
                                         {"when": "not_icp", "multiplier": 0}]}),
                 "versions[0].credit.rules: 'not_icp' appears twice", id="duplicate predicate"),
    pytest.param(_with_credit({"budget_neutral": True, "rule": []}), "versions[0].credit.rule: unknown key",
                 id="unknown credit key"),
    pytest.param(_with_exception(expires_on="2026-02-28"),
                 "exceptions[0]: approved_on 2026-03-01 is not before expires_on 2026-02-28",
                 id="approved after it expires"),
    pytest.param(_with_exception(expires_on="2026-03-01"),
                 "exceptions[0]: approved_on 2026-03-01 is not before expires_on 2026-03-01",
                 id="expires the day it is approved"),
    pytest.param(_with_exception(account_id=ACCOUNT_18),
                 "exceptions[0]: an exception names exactly one of opportunity_id or account_id",
                 id="both opportunity and account"),
    pytest.param(_with_exception(opportunity_id=None),
                 "exceptions[0]: an exception names exactly one of opportunity_id or account_id",
                 id="neither opportunity nor account"),
    pytest.param(_with_exception(opportunity_id=ACCOUNT_18),
                 f"exceptions[0].opportunity_id: '{ACCOUNT_18}' is not a Salesforce opportunity_id (15 or 18 "
                 "characters starting 006)", id="an account Id as opportunity_id"),
    pytest.param(_with_exception(opportunity_id=None, account_id=OPPORTUNITY_15),
                 f"exceptions[0].account_id: '{OPPORTUNITY_15}' is not a Salesforce account_id (15 or 18 "
                 "characters starting 001)", id="an opportunity Id as account_id"),
    pytest.param(_with_exception(opportunity_id="006Ab00000XyZ"),
                 "exceptions[0].opportunity_id: '006Ab00000XyZ' is not a Salesforce opportunity_id (15 or 18 "
                 "characters starting 006)", id="13 characters"),
    pytest.param(_with_exception(opportunity_id="006Ab00000XyZ12IA"),
                 "exceptions[0].opportunity_id: '006Ab00000XyZ12IA' is not a Salesforce opportunity_id (15 or 18 "
                 "characters starting 006)", id="17 characters"),
    pytest.param(_with_exception(opportunity_id="006Ab00000Xy-12"),
                 "exceptions[0].opportunity_id: '006Ab00000Xy-12' is not a Salesforce opportunity_id (15 or 18 "
                 "characters starting 006)", id="not alphanumeric"),
    pytest.param(_with_exception(reason="friend_of_the_ceo"),
                 f"exceptions[0].reason: unknown reason 'friend_of_the_ceo'; known: {REASONS}", id="unknown reason"),
    pytest.param(_with_exception(approved_on="2026-02-30"),
                 "exceptions[0].approved_on: '2026-02-30' is not a calendar date (day is out of range for month)",
                 id="impossible date"),
    pytest.param(_with_exception(approved_by=None), "exceptions[0].approved_by: required key missing",
                 id="no approver"),
    pytest.param(_with_exception(colour="red"), "exceptions[0].colour: unknown key", id="unknown exception key"),
])
def test_each_mistake_is_one_clear_problem_at_its_yaml_path(tmp_path: Path, data: dict, expected: str) -> None:
    assert _problems(tmp_path, data) == [expected]


def test_the_problem_names_its_line_in_the_file(tmp_path: Path) -> None:
    data = _with_exception(reason="friend_of_the_ceo")
    path = _write(tmp_path, data)
    with pytest.raises(StrategyError) as error:
        load_strategy(path)
    (problem,) = error.value.problems
    line = next(n for n, text in enumerate(path.read_text().splitlines(), start=1) if "friend_of_the_ceo" in text)
    assert problem.line == line


def test_problems_of_several_exceptions_and_versions_are_all_reported(tmp_path: Path) -> None:
    data = _with_credit({"rules": [{"when": "happy_customer", "multiplier": -1}]})
    data["exceptions"] = [dict(EXCEPTION), {**EXCEPTION, "reason": "whim"}, {**EXCEPTION, "expires_on": "2026-01-01"}]
    assert _problems(tmp_path, data) == [
        f"versions[0].credit.rules[0].when: unknown predicate 'happy_customer'; known: {PREDICATES}",
        "versions[0].credit.rules[0].multiplier: Input should be greater than or equal to 0",
        f"exceptions[1].reason: unknown reason 'whim'; known: {REASONS}",
        "exceptions[2]: approved_on 2026-03-01 is not before expires_on 2026-01-01",
    ]


def test_15_character_ids_are_normalised_to_18(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    data["versions"][0]["target_accounts"] = [ACCOUNT_15]
    account_exception = {k: v for k, v in EXCEPTION.items() if k != "opportunity_id"}
    data["exceptions"] = [{**EXCEPTION, "opportunity_id": OPPORTUNITY_15},
                          {**account_exception, "account_id": f"  {ACCOUNT_15} "}]  # surrounding blanks dropped
    strategy = load_strategy(_write(tmp_path, data))
    assert [(e.opportunity_id, e.account_id) for e in strategy.exceptions] == [(OPPORTUNITY_18, None),
                                                                              (None, ACCOUNT_18)]
    assert strategy.versions[0].target_accounts == [ACCOUNT_18]
    tables = strategy_tables(strategy)
    assert [(r["opportunity_id"], r["account_id"]) for r in tables["strategy_exceptions"].to_pylist()] == [
        (OPPORTUNITY_18, None), (None, ACCOUNT_18)]
    # an 18-character Id stays as written
    assert load_strategy(_write(tmp_path, _with_exception())).exceptions[0].opportunity_id == OPPORTUNITY_18


def test_credit_and_exceptions_as_tables(tmp_path: Path) -> None:
    data = _with_credit({"budget_neutral": False, "rules": [{"when": "not_target_account", "multiplier": 0},
                                                            {"when": "strategic_product", "multiplier": 1.5}]})
    data["exceptions"] = [{**EXCEPTION, "expires_on": "2026-06-30", "note": "a three-year deal"}]
    tables = strategy_tables(load_strategy(_write(tmp_path, data)))
    assert tables["strategy_versions"].to_pylist()[0]["credit_budget_neutral"] is False
    assert tables["strategy_credit_rules"].to_pylist() == [
        {"version_id": 1, "rule_order": 1, "predicate": "not_target_account", "multiplier": 0.0},
        {"version_id": 1, "rule_order": 2, "predicate": "strategic_product", "multiplier": 1.5}]
    (exception,) = tables["strategy_exceptions"].to_pylist()
    assert {k: str(v) if v is not None else None for k, v in exception.items()} == {
        "exception_order": "1", "opportunity_id": OPPORTUNITY_18, "account_id": None,
        "reason": "long_term_opportunity", "approved_by": "VP Sales", "approved_on": "2026-03-01",
        "expires_on": "2026-06-30", "note": "a three-year deal"}


def test_a_strategy_without_credit_or_exceptions_validates_as_before(tmp_path: Path) -> None:
    strategy = load_strategy(_write(tmp_path, copy.deepcopy(BASE)))
    assert strategy.versions[0].credit is None and strategy.exceptions == []
    tables = strategy_tables(strategy)
    assert tables["strategy_credit_rules"].num_rows == 0 and tables["strategy_exceptions"].num_rows == 0
    # no credit key: every multiplier is 1, which budget neutrality leaves at 1 (k = amount / amount)
    assert tables["strategy_versions"].to_pylist()[0]["credit_budget_neutral"] is True


def test_an_empty_credit_is_budget_neutral_without_rules(tmp_path: Path) -> None:
    strategy = load_strategy(_write(tmp_path, _with_credit({})))
    assert strategy.versions[0].credit is not None
    assert (strategy.versions[0].credit.budget_neutral, strategy.versions[0].credit.rules) == (True, [])


# --- sales alignment plans (SPEC "Sales alignment plans") ---------------------------------------------------------

def _with_plans(*plans: dict) -> dict:
    data = copy.deepcopy(BASE)
    data["versions"][0]["objectives"] = [{"metric": "on_strategy_share", "target": 0.6, "weight": 1}]
    data["versions"][0]["alignment_plans"] = list(plans)
    return data


def _plan(**changes: Any) -> dict:
    return {"team": "East", "approved_by": "VP Sales", "approved_on": "2025-12-20",
            "priorities": [{"metric": "on_strategy_share", "target": 0.7}], **changes}


OBJECTIVE_METRICS = ("on_strategy_share, icp_share, new_logo_share, cross_sell_share, new_persona_share, "
                     "strategic_product_share, target_persona_share, product_balance_score, icp_customer_share, "
                     "icp_activity_share, icp_time_share, icp_pipeline_share")


@pytest.mark.parametrize(("data", "expected"), [
    pytest.param(_with_plans(_plan(priorities=[{"metric": m, "target": 0.5} for m in
                                               ("on_strategy_share", "icp_share", "new_logo_share",
                                                "cross_sell_share")])),
                 "versions[0].alignment_plans[0].priorities: List should have at most 3 items after validation, "
                 "not 4", id="four priorities"),
    pytest.param(_with_plans(_plan(priorities=[{"metric": "bookings_amount", "target": 0.5}])),
                 f"versions[0].alignment_plans[0].priorities[0].metric: unknown metric 'bookings_amount'; known: "
                 f"{OBJECTIVE_METRICS}", id="not an objective metric"),
    pytest.param(_with_plans(_plan(), _plan()),
                 "versions[0].alignment_plans: 'East' appears twice", id="two plans for one team"),
    pytest.param(_with_plans(_plan(drop=[{"product_line": "Legacy", "max_share": 0.1}])),
                 "versions[0].alignment_plans: the plan of 'East' drops 'Legacy', which is not a product line of "
                 "this version; lines: Core", id="drop of an unknown line"),
    pytest.param(_with_plans(_plan(priorities=[])),
                 "versions[0].alignment_plans[0].priorities: List should have at least 1 item after validation, "
                 "not 0", id="no priority"),
    pytest.param(_with_plans(_plan(approved_on="2025-02-30")),
                 "versions[0].alignment_plans[0].approved_on: '2025-02-30' is not a calendar date (day is out of "
                 "range for month)", id="impossible date"),
])
def test_plan_mistakes_are_one_problem_at_their_path(tmp_path: Path, data: dict, expected: str) -> None:
    assert _problems(tmp_path, data) == [expected]


def test_plans_become_three_tables(tmp_path: Path) -> None:
    plan = _plan(priorities=[{"metric": "on_strategy_share", "target": 0.7, "action": "ICP only"},
                             {"metric": "icp_share", "target": 0.8}],
                 drop=[{"product_line": "Core", "max_share": 0.9}], approved_by="  Mia Manager ")
    tables = strategy_tables(load_strategy(_write(tmp_path, _with_plans(plan))))
    assert tables["strategy_alignment_plans"].to_pylist() == [
        {"version_id": 1, "plan_order": 1, "team": "East", "approved_by": "Mia Manager",
         "approved_on": date(2025, 12, 20)}]
    assert [(r["priority_order"], r["metric"], r["target"], r["action"])
            for r in tables["strategy_alignment_priorities"].to_pylist()] == [
        (1, "on_strategy_share", 0.7, "ICP only"), (2, "icp_share", 0.8, None)]
    assert tables["strategy_alignment_drops"].to_pylist() == [
        {"version_id": 1, "team": "East", "product_line": "Core", "max_share": 0.9}]
