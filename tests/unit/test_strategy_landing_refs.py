"""The strategy's exceptions must name opportunities and accounts of the landing zone, not deleted ones (SPEC
"Justified off-strategy business"): `validate-strategy --landing` and `onstrategy run` say which, with the YAML
path and line."""

from pathlib import Path

import pytest

from onstrategy.cli import main
from onstrategy.ingest.contracts import SALESFORCE_OBJECTS
from onstrategy.strategy import StrategyError, load_strategy

STRATEGY = """\
reporting_currency: USD
fiscal_year_start_month: 2
versions:
  - name: Plan
    effective_from: 2024-02-01
    segments: [{name: All, icp: true, target_share: 1.0}]
    product_lines: [{name: Core, families: [Core], target_share: 1.0}]
    objectives: [{metric: on_strategy_share, target: 0.5, weight: 1}]
exceptions:
  - {opportunity_id: "006000000000001", reason: long_term_opportunity, approved_by: VP, approved_on: 2024-03-01}
  - {opportunity_id: "006000000000002AAA", reason: other, approved_by: VP, approved_on: 2024-03-01}
  - {account_id: "001000000000009AAA", reason: leverage_contact, approved_by: VP, approved_on: 2024-03-01}
"""


def _csv(path: Path, object_name: str, rows: list[dict[str, str]]) -> None:
    columns = next(obj for obj in SALESFORCE_OBJECTS if obj.name == object_name).columns
    lines = [",".join(columns)] + [",".join(row.get(c, "") for c in columns) for row in rows]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _landing(tmp_path: Path) -> Path:
    """Opportunity 1 exists; opportunity 2 was deleted by a later batch; account 9 is not in the landing zone."""
    landing = tmp_path / "landing"
    sf = landing / "salesforce"
    first = {"IsDeleted": "false", "SystemModstamp": "2026-01-01T00:00:00.000+0000"}
    _csv(sf / "Opportunity" / "0001.csv", "Opportunity", [
        {"Id": "006000000000001AAA", **first}, {"Id": "006000000000002AAA", **first}])
    _csv(sf / "Opportunity" / "0002.csv", "Opportunity", [
        {"Id": "006000000000002", "IsDeleted": "true", "SystemModstamp": "2026-02-01T00:00:00.000+0000"}])
    _csv(sf / "Account.csv", "Account", [{"Id": "001000000000001AAA", **first}])
    return landing


def _strategy(tmp_path: Path) -> Path:
    path = tmp_path / "strategy.yml"
    path.write_text(STRATEGY, encoding="utf-8")
    return path


def test_unknown_and_deleted_records_are_named_with_their_yaml_path(tmp_path: Path) -> None:
    landing, path = _landing(tmp_path), _strategy(tmp_path)
    with pytest.raises(StrategyError) as raised:
        load_strategy(path, landing=landing)
    assert [p.render(path) for p in raised.value.problems] == [
        f"{path}:11: exceptions[1].opportunity_id: 006000000000002AAA: this Opportunity is deleted in the landing "
        "zone (IsDeleted on record 1 of salesforce/Opportunity/0002.csv)",
        f"{path}:12: exceptions[2].account_id: 001000000000009AAA: no Account with this Id in the landing zone "
        f"{landing}",
    ]


def test_a_later_undelete_and_the_15_character_form_are_accepted(tmp_path: Path) -> None:
    landing, path = _landing(tmp_path), _strategy(tmp_path)
    _csv(landing / "salesforce" / "Opportunity" / "0003.csv", "Opportunity", [
        {"Id": "006000000000002AAA", "IsDeleted": "false", "SystemModstamp": "2026-03-01T00:00:00.000+0000"}])
    _csv(landing / "salesforce" / "Account.csv", "Account", [
        {"Id": "001000000000009", "IsDeleted": "false", "SystemModstamp": "2026-01-01T00:00:00.000+0000"}])
    strategy = load_strategy(path, landing=landing)
    assert [e.opportunity_id or e.account_id for e in strategy.exceptions] == [
        "006000000000001AAA", "006000000000002AAA", "001000000000009AAA"]


def test_without_a_landing_zone_only_the_file_is_checked(tmp_path: Path) -> None:
    assert len(load_strategy(_strategy(tmp_path)).exceptions) == 3


def test_validate_strategy_with_landing_lists_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    landing, path = _landing(tmp_path), _strategy(tmp_path)
    assert main(["validate-strategy", str(path), "--landing", str(landing)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 2 and "exceptions[1].opportunity_id" in errors[0] and "exceptions[2].account_id" in errors[1]
    assert main(["validate-strategy", str(path)]) == 0
    assert "3 exception" not in capsys.readouterr().out  # no landing zone: nothing said about the records


def test_files_the_ingest_will_refuse_are_left_to_its_message(tmp_path: Path) -> None:
    """A missing file, or one without a column the ingest requires, is the ingest's to report (naming every file and
    column at fault); the reference check reads only what it needs and does not fail first."""
    path = _strategy(tmp_path)
    empty = tmp_path / "empty"
    (empty / "salesforce").mkdir(parents=True)
    assert len(load_strategy(path, landing=empty).exceptions) == 3
    landing = _landing(tmp_path)
    _csv(landing / "salesforce" / "Account.csv", "Account", [{"Id": "001000000000009AAA", "IsDeleted": "false"}])
    account_csv = landing / "salesforce" / "Account.csv"
    header, *rows = account_csv.read_text(encoding="utf-8").splitlines(keepends=True)
    account_csv.write_text(header.replace("BillingCountry", "Country") + "".join(rows), encoding="utf-8")
    with pytest.raises(StrategyError) as raised:  # the check still runs on the columns it reads
        load_strategy(path, landing=landing)
    assert [p.path for p in raised.value.problems] == ["exceptions[1].opportunity_id"]


PLANS = STRATEGY.replace("exceptions:", """    alignment_plans:
      - {team: East, approved_by: "005000000000001", approved_on: 2024-01-20,
         priorities: [{metric: on_strategy_share, target: 0.6}]}
      - {team: Nowhere, approved_by: Eve Seller, approved_on: 2024-01-20,
         priorities: [{metric: on_strategy_share, target: 0.6}]}
      - {team: East Manager, approved_by: Mia Manager, approved_on: 2024-01-20,
         priorities: [{metric: icp_share, target: 0.6}]}
exceptions:""")


def _org(landing: Path) -> None:
    """Mia (the East manager, Id ...1) manages Eve (a seller of East); North is a role nobody holds."""
    sf = landing / "salesforce"
    _csv(sf / "UserRole.csv", "UserRole", [{"Id": "00E000000000001AAA", "Name": "East Manager"},
                                            {"Id": "00E000000000002AAA", "Name": "East"},
                                            {"Id": "00E000000000003AAA", "Name": "North"}])
    _csv(sf / "User.csv", "User", [
        {"Id": "005000000000001AAA", "Name": "Mia Manager", "UserRoleId": "00E000000000001AAA"},
        {"Id": "005000000000002AAA", "Name": "Eve Seller", "UserRoleId": "00E000000000002AAA",
         "ManagerId": "005000000000001AAA"}])


def test_plan_teams_and_approvers_are_checked_against_the_landing_zone(tmp_path: Path) -> None:
    landing = _landing(tmp_path)
    _org(landing)
    path = tmp_path / "strategy.yml"
    text = PLANS.replace('{opportunity_id: "006000000000002AAA"', '{opportunity_id: "006000000000001AAA"').replace(
        '{account_id: "001000000000009AAA"', '{opportunity_id: "006000000000001AAA"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StrategyError) as raised:
        load_strategy(path, landing=landing)
    messages = [p.render(path).split(": ", 1)[1] for p in raised.value.problems]
    # a team nobody holds is refused with the list of teams, a seller is no approver; Mia by her 15-character Id
    # and by her name approves
    assert messages == [
        "versions[0].alignment_plans[1].team: 'Nowhere' is not a team of the landing zone (a UserRole name a user "
        "holds); teams: East, East Manager",
        "versions[0].alignment_plans[1].approved_by: 'Eve Seller' is not a manager of the landing zone (a user "
        "another user names as ManagerId), by name or Id; managers: Mia Manager",
    ]
