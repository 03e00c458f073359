"""Comments keep one sentence of why; measurements live in docs/decisions.md with their commit.

A timing quoted in a comment ("4.3 s -> 1.6 s", "measured: 88 s") goes stale at the next change nobody re-measures,
so this test scans the product code's comments (Python `#` comments and docstrings; Jinja `{# #}` and SQL `--`
comments of the dbt project) and names file:line for every one that quotes a timing.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

PYTHON_ROOTS = ("orchestration/onstrategy", "site/onstrategy_site")
SQL_ROOTS = ("dbt_project/macros", "models", "dbt_project/tests")

# A number, a time unit and something that makes it a measurement: a before/after arrow, milli- or microseconds,
# "measured", "<n>x faster", a demo-scale timing, or a duration spent somewhere ("1.6 s of every build", "88 s at a
# 1 GB limit"). A bare unit ("Unix seconds") or an arrow without a duration ("months -> quarters") is not one.
NUMBER = r"\d+(?:\.\d+)?"
SECONDS = rf"{NUMBER}\s?(?:s|sec|secs|seconds|min|minutes)\b"
ARROW = r"(?:->|→|=>)"
MEASUREMENT = re.compile(
    "|".join([
        rf"(?<![\w.]){SECONDS}\s*{ARROW}",                    # 4.3 s -> ...
        rf"{ARROW}\s*{SECONDS}",                              # ... -> 1.6 s
        rf"(?<![\w.]){NUMBER}\s?(?:ms|µs|μs|us)\b",            # 350 ms, 20 µs
        r"\bmeasured\b\s*(?::|\(|at\b|on\b|with\b|\d)",       # measured: 88 s, measured at scale 10
        rf"\bmeasured\b[^.;]*?(?<![\w.]){SECONDS}",           # measured ... 88 s
        rf"(?<![\w.]){SECONDS}[^.;]*?\bmeasured\b",           # 88 s, measured
        rf"(?<![\w.]){NUMBER}\s?(?:x|×|times)\s+(?:faster|slower|quicker)\b",
        rf"\bat\s+(?:demo\s+)?scale\s+{NUMBER}\s*[:,(]\s*[^.;]*?{SECONDS}",  # at demo scale 10: 7.6 s
        rf"(?<![\w.]){SECONDS}\s+(?:of|at|for|on|per|in)\s+(?:a|an|the|every|each|demo|scale|\d)",  # 2.2 s of a run
        rf"\b(?:took|takes|saves?|saved|costs?|spent|spends)\s+(?:about\s+|~)?{SECONDS}",
    ]),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Comment:
    path: Path
    line: int
    text: str


def _python_comments(path: Path) -> Iterator[Comment]:
    """`#` comments, consecutive ones joined (a measurement may wrap), and docstrings."""
    source = path.read_text(encoding="utf-8")
    block: list[tuple[int, str]] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            if block and token.start[0] != block[-1][0] + 1:
                yield from _joined(path, block)
                block = []
            block.append((token.start[0], token.string.lstrip("#").strip()))
    yield from _joined(path, block)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str)):
                lines = first.value.value.splitlines()
                yield from _joined(path, [(first.lineno + i, text.strip()) for i, text in enumerate(lines)])


def _sql_comments(path: Path) -> Iterator[Comment]:
    """Jinja `{# #}` comments (over several lines too) and SQL `--` comments outside string literals."""
    text = path.read_text(encoding="utf-8")
    for match in re.finditer(r"\{#(.*?)#\}", text, re.DOTALL):
        first = text.count("\n", 0, match.start()) + 1
        lines = match.group(1).strip("-").splitlines()
        yield from _joined(path, [(first + i, line.strip()) for i, line in enumerate(lines)])
    without_jinja = re.sub(r"\{#.*?#\}", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.DOTALL)
    block: list[tuple[int, str]] = []
    for number, line in enumerate(without_jinja.splitlines(), start=1):
        comment = _line_comment(line)
        if comment is None:
            yield from _joined(path, block)
            block = []
        else:
            block.append((number, comment))
    yield from _joined(path, block)


def _line_comment(line: str) -> str | None:
    in_string = False
    for i, char in enumerate(line):
        if char == "'":
            in_string = not in_string
        elif not in_string and line.startswith("--", i):
            return line[i + 2:].strip()
    return None


def _joined(path: Path, fragments: list[tuple[int, str]]) -> Iterator[Comment]:
    """One comment per block, so a match that wraps is found; reported on the line where it starts."""
    if not fragments:
        return
    text, starts = "", []
    for line, fragment in fragments:
        starts.append((len(text), line))
        text += fragment + " "
    for match in MEASUREMENT.finditer(text):
        line = max(line for start, line in starts if start <= match.start())
        yield Comment(path, line, match.group(0))


def measurements(root: Path = PROJECT_ROOT) -> list[Comment]:
    """Every comment line in the product code that quotes a timing measurement (what matched, joined by ` | `)."""
    found: dict[tuple[Path, int], list[str]] = {}
    comments: list[Comment] = []
    for folder in PYTHON_ROOTS:
        for path in sorted((root / folder).rglob("*.py")):
            comments.extend(_python_comments(path))
    for folder in SQL_ROOTS:
        for path in sorted((root / folder).rglob("*.sql")):
            comments.extend(_sql_comments(path))
    for comment in comments:
        texts = found.setdefault((comment.path, comment.line), [])
        if comment.text not in texts:
            texts.append(comment.text)
    return [Comment(path, line, " | ".join(texts)) for (path, line), texts in sorted(found.items())]


@pytest.mark.parametrize(
    "text",
    [
        "the load went from 4.3 s -> 1.6 s",
        "before: 7.6 s\n -> 2.7 s",
        "measured: 88 s at a 1 GB limit, as with 4 GB",
        "at demo scale 10: 7.6 s -> 2.7 s",
        "2.2 s of every run",
        "1.6 s of every build",
        "each query costs 350 ms",
        "json.dumps per row costs ~20 us",
        "3x faster than pandas",
        "refused in 0.4 s at 84 MB",
    ],
)
def test_measurements_are_found(tmp_path: Path, text: str) -> None:
    _write_product_file(tmp_path, text)
    assert [c.line for c in measurements(tmp_path)], text


@pytest.mark.parametrize(
    "text",
    [
        "created is in Unix seconds",
        "-1 = not canceled",
        "a timeout of 900 seconds per test",
        "months -> quarters",
        "the 30 s rule is the SPEC's (site freshness)",
        "amounts in minor units -> major units",
        "0 when no time was measured",
    ],
)
def test_legitimate_text_is_not_flagged(tmp_path: Path, text: str) -> None:
    _write_product_file(tmp_path, text)
    assert measurements(tmp_path) == []


def _write_product_file(root: Path, text: str) -> None:
    python = root / "orchestration" / "onstrategy" / "module.py"
    python.parent.mkdir(parents=True)
    comment = "\n".join(f"# {line}" for line in text.splitlines())
    python.write_text(f'"""Module."""\n\n{comment}\nVALUE = 1\n')
    sql = root / "models" / "model.sql"
    sql.parent.mkdir(parents=True)
    sql.write_text("select 1 as x  -- a column\n")


def test_no_comment_quotes_a_measurement() -> None:
    found = measurements()
    assert not found, "comments quote measurements (move them to docs/decisions.md, keep one sentence of why):\n" + (
        "\n".join(f"{c.path.relative_to(PROJECT_ROOT)}:{c.line}: {c.text}" for c in found))
