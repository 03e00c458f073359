"""Reading a strategy file and reporting every problem with its YAML path (and line).

`load_strategy` raises `StrategyError` listing all problems at once, e.g.
`versions[1].product_lines: target shares sum to 0.9, expected 1`.
"""

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from onstrategy.errors import OnstrategyError
from onstrategy.paths import SEEDS_DIR
from onstrategy.strategy.schema import Strategy

PERSONA_RULES = SEEDS_DIR / "persona_title_rules.csv"
_FIELD_PREFIX = re.compile(r"^([a-z_]+): (.+)$", re.DOTALL)


@dataclass(frozen=True)
class StrategyProblem:
    path: str
    message: str
    line: int | None = None

    def render(self, file: Path) -> str:
        where = f"{file}:{self.line}" if self.line else str(file)
        return f"{where}: {self.path or '<top>'}: {self.message}"


class StrategyError(OnstrategyError):
    """The strategy file is missing, unreadable or invalid; `problems` lists every problem found."""

    def __init__(self, file: Path, problems: list[StrategyProblem]) -> None:
        self.file = file
        self.problems = problems
        more = f" (and {len(problems) - 1} more problem(s); run `onstrategy validate-strategy {file}`)" \
            if len(problems) > 1 else ""
        super().__init__(problems[0].render(file) + more)


def _yaml_path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _line_index(node: yaml.Node | None, prefix: tuple = (), index: dict | None = None) -> dict[tuple, int]:
    """Map each YAML path (as a loc tuple) to the 1-based line where its value starts."""
    index = {} if index is None else index
    if node is None:
        return index
    index[prefix] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _line_index(value, (*prefix, key.value), index)
            index.setdefault((*prefix, key.value), key.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_index(item, (*prefix, i), index)
    return index


def _line_for(loc: tuple, lines: dict[tuple, int]) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _problem(error: dict[str, Any], lines: dict[tuple, int]) -> StrategyProblem:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing":
        message = "required key missing"
    elif kind == "extra_forbidden":
        message = "unknown key"
    else:
        message = str(error["msg"]).removeprefix("Value error, ")
        match = _FIELD_PREFIX.match(message)
        if match:
            loc, message = (*loc, match.group(1)), match.group(2)
    return StrategyProblem(_yaml_path(loc), message, _line_for(loc, lines))


def known_personas(rules: Path = PERSONA_RULES) -> set[str]:
    if not rules.exists():
        return set()
    with rules.open(encoding="utf-8", newline="") as handle:
        return {row["persona"] for row in csv.DictReader(handle)}


def load_strategy(path: Path, persona_rules: Path = PERSONA_RULES) -> Strategy:
    """Read and validate a strategy file; raise StrategyError listing every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StrategyError(path, [StrategyProblem("", "file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StrategyError(path, [StrategyProblem("", f"cannot be read: {exc}")]) from None
    try:
        data = yaml.safe_load(text)
        lines = _line_index(yaml.compose(text))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise StrategyError(path, [StrategyProblem("", f"not valid YAML: {reason}", line)]) from None
    if not isinstance(data, dict):
        raise StrategyError(path, [StrategyProblem("", "expected a mapping with reporting_currency, "
                                                        "fiscal_year_start_month and versions")])
    try:
        strategy = Strategy.model_validate(data)
    except ValidationError as exc:
        raise StrategyError(path, [_problem(e, lines) for e in exc.errors()]) from None
    personas = known_personas(persona_rules)
    problems = [
        StrategyProblem(f"versions[{v}].target_personas[{p}]",
                        f"unknown persona {name!r}; personas: {', '.join(sorted(personas))}",
                        lines.get(("versions", v, "target_personas", p)))
        for v, version in enumerate(strategy.versions)
        for p, name in enumerate(version.target_personas)
        if personas and name not in personas
    ]
    if problems:
        raise StrategyError(path, problems)
    return strategy


def validate_strategy_main(path: Path) -> int:
    """`onstrategy validate-strategy FILE`: every problem on stderr, exit 1; a summary on stdout, exit 0."""
    try:
        strategy = load_strategy(path)
    except StrategyError as error:
        for problem in error.problems:
            print(problem.render(error.file), file=sys.stderr)
        return 1
    versions = ", ".join(f"{v.name} (from {v.effective_from})" for v in strategy.versions)
    print(f"{path}: OK, {len(strategy.versions)} version(s): {versions}")
    return 0
