"""strategy.yml and the persona title rules read as untrusted input: every problem one line with its place."""

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from onstrategy.strategy import StrategyError, load_strategy
from onstrategy.strategy.load import PersonaRulesError, check_persona_rules
from onstrategy.strategy.safe_yaml import MAX_EXPANDED_NODES, MAX_STRATEGY_BYTES
from tests.conftest import PROJECT_ROOT

DEMO_STRATEGY = (PROJECT_ROOT / "strategy.yml").read_text(encoding="utf-8")


def _strategy(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "strategy.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(StrategyError) as caught:
        load_strategy(_strategy(tmp_path, text))
    return [problem.render(caught.value.file) for problem in caught.value.problems]


def _alias_bomb(levels: int = 9, fan_out: int = 9) -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*l{level - 1}"] * fan_out)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    bomb = _alias_bomb()
    assert len(bomb) < 4000  # 9**10 values once expanded
    problems = _problems(tmp_path, bomb)
    assert len(problems) == 1
    assert f"more than {MAX_EXPANDED_NODES:,} values" in problems[0]


def test_an_alias_bomb_costs_the_validator_little_memory(tmp_path: Path) -> None:
    """The real command, in its own process: refused with the alias message, its peak memory that of a Python
    start-up (a constructed bomb would take gigabytes). The peak is the process's own (VmHWM, reset by exec;
    ru_maxrss would include the forking pytest worker's)."""
    path = _strategy(tmp_path, _alias_bomb())
    probe = textwrap.dedent(f"""
        import re, sys
        from pathlib import Path
        from onstrategy.cli import main
        code = main(["validate-strategy", {str(path)!r}])
        print(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1), file=sys.stderr)
        sys.exit(code)
    """)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    *messages, peak_kib = done.stderr.strip().splitlines()
    assert len(messages) == 1 and "alias" in messages[0], done.stderr
    assert int(peak_kib) < 250 * 1024, f"peak RSS {int(peak_kib) // 1024} MiB"


def test_aliases_within_bounds_still_work(tmp_path: Path) -> None:
    flags = "red_flags: {on_strategy_share_below: 0.30, icp_customer_share_below: 0.25, icp_time_share_below: 0.3333}"
    later_flags = re.search(r"red_flags: \{on_strategy_share_below[^}]*unjustified[^}]*\}", DEMO_STRATEGY)
    assert DEMO_STRATEGY.count(flags) == 1 and later_flags is not None
    # the second version's flags become an alias of the first's
    text = DEMO_STRATEGY.replace(later_flags.group(0), "red_flags: *flags").replace(
        flags, flags.replace("red_flags: ", "red_flags: &flags "))
    strategy = load_strategy(_strategy(tmp_path, text))
    assert strategy.versions[1].red_flags == strategy.versions[0].red_flags


def test_a_recursive_alias_is_refused(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "versions: &v [1, *v]\n")
    assert problems == [f"{tmp_path / 'strategy.yml'}:1: <top>: a recursive alias (an anchor used inside itself) "
                        "is not allowed"]


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    problems = _problems(tmp_path, DEMO_STRATEGY + "#" * MAX_STRATEGY_BYTES)
    assert len(problems) == 1 and f"at most {MAX_STRATEGY_BYTES:,}" in problems[0]


def test_a_deeply_nested_document_is_one_line_not_a_recursion_error(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "versions: " + "[" * 3000 + "]" * 3000 + "\n")
    assert problems == [f"{tmp_path / 'strategy.yml'}: <top>: the document is nested too deeply to be a strategy "
                        "file"]


def test_duplicate_keys_are_refused_with_both_lines(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "fiscal_year_start_month: 1\n" + DEMO_STRATEGY)
    second = 1 + next(i for i, line in enumerate(DEMO_STRATEGY.splitlines(), start=1)
                      if line.startswith("fiscal_year_start_month: 2"))
    assert problems == [f"{tmp_path / 'strategy.yml'}:{second}: fiscal_year_start_month: key "
                        f"'fiscal_year_start_month' appears twice in one mapping (lines 1 and {second}); keep one"]


def test_a_duplicate_key_inside_a_version_names_its_path(tmp_path: Path) -> None:
    text = DEMO_STRATEGY.replace("{metric: new_logo_share, target: 0.25, weight: 1}",
                                 "{metric: new_logo_share, target: 0.25, weight: 1, weight: 3}", 1)
    (problem,) = _problems(tmp_path, text)
    assert "versions[0].objectives[1].weight: key 'weight' appears twice in one mapping (line " in problem


@pytest.mark.parametrize(("written", "expected"), [
    ("2026-02-30", "versions[0].effective_from: '2026-02-30' is not a calendar date (day is out of range for month)"),
    ("2026-13-01", "versions[0].effective_from: '2026-13-01' is not a calendar date (month must be in 1..12)"),
    ("20240201", "versions[0].effective_from: expected a date written YYYY-MM-DD, got 20240201"),
    ("next spring", "versions[0].effective_from: expected a date written YYYY-MM-DD, got 'next spring'"),
])
def test_impossible_dates_are_errors_with_their_path(tmp_path: Path, written: str, expected: str) -> None:
    problems = _problems(tmp_path, DEMO_STRATEGY.replace("effective_from: 2024-02-01", f"effective_from: {written}"))
    line = DEMO_STRATEGY.splitlines().index("    effective_from: 2024-02-01") + 1
    assert problems == [f"{tmp_path / 'strategy.yml'}:{line}: {expected}"]


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", ".NaN"])
def test_non_finite_numbers_are_refused(tmp_path: Path, value: str) -> None:
    problems = _problems(tmp_path, DEMO_STRATEGY.replace("target: 0.50, weight: 2}", f"target: 0.50, weight: {value}}}",
                                                          1))
    assert len(problems) == 1
    assert "versions[0].objectives[0].weight:" in problems[0]
    assert "finite number" in problems[0] or "greater than 0" in problems[0]


def test_negative_numbers_are_refused(tmp_path: Path) -> None:
    problems = _problems(tmp_path, DEMO_STRATEGY.replace("target: 0.50, weight: 2}", "target: 0.50, weight: -2}", 1))
    assert len(problems) == 1 and "versions[0].objectives[0].weight: Input should be greater than 0" in problems[0]


def test_a_control_character_is_one_line_with_its_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, DEMO_STRATEGY.replace("reporting_currency: USD", "reporting_currency: US\x00D"))
    line = DEMO_STRATEGY.splitlines().index("reporting_currency: USD") + 1
    assert problems == [f"{tmp_path / 'strategy.yml'}:{line}: <top>: not valid YAML: the control character U+0000 "
                        "is not allowed in a YAML file"]


def test_a_strategy_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "strategy.yml"
    path.write_bytes(DEMO_STRATEGY.encode().replace(b"Mid-Market", b"Mid-M\xe4rket", 1))
    with pytest.raises(StrategyError) as caught:
        load_strategy(path)
    line = DEMO_STRATEGY[:DEMO_STRATEGY.index("Mid-Market")].count("\n") + 1
    assert str(caught.value).startswith(f"{path}:{line}: <top>: not UTF-8 text (byte 0xe4 at offset")


# --- persona title rules ----------------------------------------------------------------------------------------

def _rules(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "persona_title_rules.csv"
    path.write_text("priority,title_pattern,persona\n" + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_the_shipped_persona_rules_are_valid() -> None:
    assert "Finance Leader" in check_persona_rules(PROJECT_ROOT / "seeds" / "persona_title_rules.csv")


def test_a_rule_the_engine_cannot_compile_names_file_and_line(tmp_path: Path) -> None:
    rules = _rules(tmp_path, "10,cfo,Finance Leader", "20,(?=chief)chief,Economic Buyer")
    with pytest.raises(PersonaRulesError) as caught:
        check_persona_rules(rules)
    assert caught.value.lines[0].startswith(f"{rules}:3: title_pattern '(?=chief)chief' is not a regular expression "
                                            "the warehouse can run")
    assert len(caught.value.lines) == 1


def test_duplicate_priorities_and_bad_rows_are_each_named(tmp_path: Path) -> None:
    rules = _rules(tmp_path, "10,cfo,Finance Leader", "10,cto,Technical Buyer", "x,ceo,Economic Buyer",
                   "30,,Procurement", "40,buyer")
    with pytest.raises(PersonaRulesError) as caught:
        check_persona_rules(rules)
    assert caught.value.lines == [
        f"{rules}:3: priority 10 is also used on line 2; priorities must be unique (the lowest matching one wins)",
        f"{rules}:4: priority 'x' is not a whole number",
        f"{rules}:5: title_pattern is empty",
        f"{rules}:6: expected 3 fields (priority, title_pattern, persona), found 2",
    ]


def test_a_wrong_header_is_named(tmp_path: Path) -> None:
    path = tmp_path / "rules.csv"
    path.write_text("prio,pattern,persona\n10,cfo,Finance Leader\n", encoding="utf-8")
    with pytest.raises(PersonaRulesError) as caught:
        check_persona_rules(path)
    assert caught.value.lines == [f"{path}:1: the header must be priority,title_pattern,persona; found "
                                  "prio,pattern,persona"]


def test_load_strategy_checks_the_rules_it_relies_on(tmp_path: Path) -> None:
    rules = _rules(tmp_path, "10,(a)\\1,Finance Leader")
    with pytest.raises(PersonaRulesError, match=r"persona_title_rules\.csv:2: title_pattern"):
        load_strategy(_strategy(tmp_path, DEMO_STRATEGY), persona_rules=rules)


def test_validate_strategy_prints_each_bad_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from onstrategy.cli import main
    from onstrategy.strategy import load

    rules = _rules(tmp_path, "10,(?=chief)chief,Finance Leader", "10,cto,Technical Buyer")
    monkeypatch.setattr(load, "PERSONA_RULES", rules)
    assert main(["validate-strategy", str(_strategy(tmp_path, DEMO_STRATEGY))]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert [line.split(":")[1] for line in err] == ["2", "3"]
    assert all(line.startswith(str(rules)) for line in err)
