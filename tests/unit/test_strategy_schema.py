"""Strategy validation: every problem reported with its YAML path; good files load; values travel as data."""

from pathlib import Path

import duckdb
import pytest
import yaml

from onstrategy.strategy import load_strategy, strategy_tables, validate_strategy_main, write_strategy_tables
from onstrategy.strategy.load import StrategyError
from tests.conftest import PROJECT_ROOT

# The SPEC's example strategy file (shared/examples/strategy.yml), copied: CI clones only this repository.
EXAMPLE = PROJECT_ROOT / "tests" / "fixtures" / "example-strategy.yml"


def _base() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "strategy.yml").read_text())


def _problems(tmp_path: Path, data: dict) -> list[str]:
    path = tmp_path / "strategy.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(StrategyError) as error:
        load_strategy(path)
    return [f"{p.path}: {p.message}" for p in error.value.problems]


@pytest.mark.parametrize("path", [PROJECT_ROOT / "strategy.yml", EXAMPLE,
                                  PROJECT_ROOT / "docs" / "examples" / "maven-crm-strategy.yml"])
def test_shipped_strategies_are_valid(path: Path) -> None:
    assert load_strategy(path).versions


def test_target_shares_must_sum_to_one(tmp_path: Path) -> None:
    data = _base()
    data["versions"][1]["product_lines"][0]["target_share"] = 0.25  # 0.35 -> 0.25: sum 0.9
    assert _problems(tmp_path, data) == ["versions[1].product_lines: target shares sum to 0.9, expected 1"]


def test_several_problems_are_all_reported_with_paths(tmp_path: Path) -> None:
    data = _base()
    data["reporting_currency"] = "usd"
    data["versions"][0]["objectives"] = [{"metric": "on_strategy_share", "target": 0.5, "weight": 1}] * 6
    data["versions"][0]["product_lines"][1]["deprioritized"] = True
    data["versions"][1]["objectives"][0]["metric"] = "happiness"
    data["versions"][1]["segments"][2]["min_employees"] = 5000
    data["versions"][1]["colour"] = "blue"
    problems = _problems(tmp_path, data)
    paths = [p.split(": ")[0] for p in problems]
    assert "reporting_currency" in paths
    assert "versions[0].objectives" in paths
    assert "versions[0].product_lines[1]" in paths
    assert "versions[1].objectives[0].metric" in paths
    assert "versions[1].segments[2]" in paths
    assert "versions[1].colour" in paths
    assert any("unknown key" in p for p in problems)
    assert any("strategic and deprioritized" in p for p in problems)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["versions"][1].__setitem__("effective_from", "2024-01-01"), "versions: effective_from must"),
        (lambda d: d["versions"][0]["segments"].append(dict(d["versions"][0]["segments"][0])), "appears twice"),
        (lambda d: d.__setitem__("fiscal_year_start_month", 13), "fiscal_year_start_month"),
        (lambda d: d["versions"][0].__setitem__("red_flags", {"happiness_below": 0.5}), "unknown red flag"),
        (lambda d: d["versions"][0].__setitem__("target_personas", ["Astronaut"]), "unknown persona"),
        (lambda d: d["versions"][0]["segments"][0].__setitem__("name", "Unsegmented"), "reserved"),
        (lambda d: d["versions"][0]["product_lines"][0].__setitem__("target_share", "lots"), "target_share"),
    ],
)
def test_each_rule(tmp_path: Path, mutate, expected: str) -> None:
    data = _base()
    mutate(data)
    assert any(expected in p for p in _problems(tmp_path, data))


def test_validate_command_output_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert validate_strategy_main(PROJECT_ROOT / "strategy.yml") == 0
    assert "OK" in capsys.readouterr().out
    bad = tmp_path / "bad.yml"
    bad.write_text("reporting_currency: USD\nfiscal_year_start_month: 2\nversions:\n  - name: x\n")
    assert validate_strategy_main(bad) == 1
    err = capsys.readouterr().err.splitlines()
    assert err and all(line.startswith(f"{bad}:4: versions[0].") for line in err)
    assert validate_strategy_main(tmp_path / "missing.yml") == 1
    assert "file not found" in capsys.readouterr().err
    (tmp_path / "broken.yml").write_text("versions: [\n")
    assert validate_strategy_main(tmp_path / "broken.yml") == 1
    assert "not valid YAML" in capsys.readouterr().err


def test_any_value_travels_as_data(tmp_path: Path) -> None:
    data = _base()
    data["versions"][0]["segments"][0]["industries"] = ["Men's Apparel", 'Quote "x"; drop table y', "Ünïcödé"]
    data["versions"][0]["product_lines"][0]["name"] = "Core' Platform"
    path = tmp_path / "strategy.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    con = duckdb.connect()
    write_strategy_tables(con, strategy_tables(load_strategy(path)))
    industries = [r[0] for r in con.execute(
        "select industry from strategy.strategy_segment_industries where version_id = 1 and rule_order = 1 "
        "order by industry").fetchall()]
    assert industries == sorted(["Men's Apparel", 'Quote "x"; drop table y', "Ünïcödé"])
    assert con.execute("select count(*) from strategy.strategy_product_lines where product_line = ?",
                       ["Core' Platform"]).fetchone() == (1,)


def test_version_windows(tmp_path: Path) -> None:
    tables = strategy_tables(load_strategy(PROJECT_ROOT / "strategy.yml"))
    versions = tables["strategy_versions"].to_pylist()
    assert [str(v["valid_from"]) for v in versions] == ["1900-01-01", "2026-02-01"]
    assert [str(v["valid_to"]) for v in versions] == ["2026-02-01", "9999-12-31"]
