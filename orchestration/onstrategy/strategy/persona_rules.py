"""The persona title rules seed (`seeds/persona_title_rules.csv`), checked before dbt ever reads it.

dbt would find a bad rule only while building, in a message naming neither the file nor the row. These checks
name both: the header, a priority that is not a whole number or is used twice, an empty persona, and a pattern the
warehouse's regular-expression engine cannot compile. The patterns are compiled by DuckDB itself (RE2, the engine
the models match titles with, case-insensitively); RE2 has no look-around or back-references, so a pattern it
accepts is also one Spark's Java engine reads the same way.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import duckdb

COLUMNS = ("priority", "title_pattern", "persona")


@dataclass(frozen=True)
class PersonaRule:
    priority: int
    title_pattern: str
    persona: str
    line: int  # line of the file, header = 1


@dataclass(frozen=True)
class RuleProblem:
    line: int | None
    message: str

    def render(self, file: Path) -> str:
        return f"{file}:{self.line}: {self.message}" if self.line else f"{file}: {self.message}"


def read_persona_rules(path: Path) -> tuple[list[PersonaRule], list[RuleProblem]]:
    """The rules of the seed file and every problem found in it (an empty list when it is usable)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError:
        return [], [RuleProblem(None, "file not found")]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return [], [RuleProblem(None, f"cannot be read: {exc}")]
    if not rows or tuple(c.strip() for c in rows[0]) != COLUMNS:
        found = ",".join(rows[0]) if rows else "nothing"
        return [], [RuleProblem(1, f"the header must be {','.join(COLUMNS)}; found {found}")]
    rules: list[PersonaRule] = []
    problems: list[RuleProblem] = []
    first_line_of: dict[int, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS):
            problems.append(RuleProblem(line, f"expected {len(COLUMNS)} fields ({', '.join(COLUMNS)}), "
                                              f"found {len(row)}"))
            continue
        priority_text, pattern, persona = row
        try:
            priority = int(priority_text.strip())
        except ValueError:
            problems.append(RuleProblem(line, f"priority {priority_text!r} is not a whole number"))
            continue
        if priority in first_line_of:
            problems.append(RuleProblem(line, f"priority {priority} is also used on line {first_line_of[priority]}; "
                                              "priorities must be unique (the lowest matching one wins)"))
        first_line_of.setdefault(priority, line)
        if not pattern:
            problems.append(RuleProblem(line, "title_pattern is empty"))
        if not persona.strip():
            problems.append(RuleProblem(line, "persona is empty"))
        rules.append(PersonaRule(priority, pattern, persona, line))
    problems.extend(_pattern_problems(rules))
    return rules, sorted(problems, key=lambda p: p.line or 0)


def _pattern_problems(rules: list[PersonaRule]) -> list[RuleProblem]:
    """Each rule whose pattern the engine cannot compile, with the engine's reason."""
    problems = []
    with duckdb.connect(":memory:") as con:
        for rule in rules:
            if not rule.title_pattern:
                continue
            try:
                con.execute("select regexp_matches('', ?, 'i')", [rule.title_pattern]).fetchall()
            except duckdb.Error as exc:
                reason = str(exc).splitlines()[0].removeprefix("Invalid Input Error: ")
                problems.append(RuleProblem(rule.line, f"title_pattern {rule.title_pattern!r} is not a regular "
                                                       f"expression the warehouse can run (RE2 syntax: no "
                                                       f"look-around, no back-references): {reason}"))
    return problems
