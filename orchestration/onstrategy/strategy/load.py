"""Reading a strategy file and reporting every problem with its YAML path (and line).

`load_strategy` raises `StrategyError` listing all problems at once, e.g.
`versions[1].product_lines: target shares sum to 0.9, expected 1`.
"""

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from onstrategy.errors import OnstrategyError
from onstrategy.paths import SEEDS_DIR
from onstrategy.strategy.persona_rules import read_persona_rules
from onstrategy.strategy.safe_yaml import MAX_STRATEGY_BYTES, YamlRefused, parse_yaml
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


def _problem(error: ErrorDetails, lines: dict[tuple, int]) -> StrategyProblem:
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


class PersonaRulesError(OnstrategyError):
    """The persona title rules seed is unusable; `problems` lists every line at fault."""

    def __init__(self, file: Path, lines: list[str]) -> None:
        self.file = file
        self.lines = lines
        more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
        super().__init__(lines[0] + more)


def check_persona_rules(rules: Path | None = None) -> set[str]:
    """The personas the title rules can assign; raises PersonaRulesError naming the file and line of each bad rule."""
    rules = rules or PERSONA_RULES
    parsed, problems = read_persona_rules(rules)
    if problems:
        raise PersonaRulesError(rules, [problem.render(rules) for problem in problems])
    return {rule.persona for rule in parsed}


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_STRATEGY_BYTES:  # refused before reading it whole
            raise StrategyError(path, [StrategyProblem("", f"file is {size:,} bytes; a strategy file may hold at "
                                                           f"most {MAX_STRATEGY_BYTES:,}")])
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StrategyError(path, [StrategyProblem("", "file not found")]) from None
    except IsADirectoryError:
        raise StrategyError(path, [StrategyProblem("", "is a folder, not a strategy file")]) from None
    except UnicodeDecodeError as exc:
        raise StrategyError(path, [StrategyProblem(
            "", f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start:,})",
            exc.object[:exc.start].count(b"\n") + 1)]) from None
    except OSError as exc:
        raise StrategyError(path, [StrategyProblem("", f"cannot be read: {exc.strerror or exc}")]) from None


def _yaml_syntax_problem(exc: yaml.YAMLError, text: str) -> StrategyProblem:
    """One line for a YAML syntax error (PyYAML's own message spans several lines)."""
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow (NUL, other controls)
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return StrategyProblem("", f"not valid YAML: the control character U+{code:04X} is not allowed in a YAML "
                                   "file", line)
    mark = getattr(exc, "problem_mark", None)
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return StrategyProblem("", f"not valid YAML: {reason}", mark.line + 1 if mark else None)


def load_strategy(path: Path, persona_rules: Path | None = None, landing: Path | None = None) -> Strategy:
    """Read and validate a strategy file; raise StrategyError listing every problem (PersonaRulesError when the
    persona title rules it relies on are unusable). With `landing`, the records the strategy names (its
    exceptions' opportunities and accounts) must also exist in that landing zone, not deleted."""
    path = Path(path)
    text = _read_text(path)
    try:
        parsed = parse_yaml(text)
    except YamlRefused as refused:
        raise StrategyError(path, [StrategyProblem(p.path, p.message, p.line) for p in refused.problems]) from None
    except yaml.YAMLError as exc:
        raise StrategyError(path, [_yaml_syntax_problem(exc, text)]) from None
    data, lines = parsed.data, _line_index(parsed.root)
    if not isinstance(data, dict):
        raise StrategyError(path, [StrategyProblem("", "expected a mapping with reporting_currency, "
                                                        "fiscal_year_start_month and versions")])
    try:
        strategy = Strategy.model_validate(data)
    except ValidationError as exc:
        raise StrategyError(path, [_problem(e, lines) for e in exc.errors()]) from None
    personas = check_persona_rules(persona_rules)
    problems = [
        StrategyProblem(f"versions[{v}].target_personas[{p}]",
                        f"unknown persona {name!r}; personas: {', '.join(sorted(personas))}",
                        lines.get(("versions", v, "target_personas", p)))
        for v, version in enumerate(strategy.versions)
        for p, name in enumerate(version.target_personas)
        if personas and name not in personas
    ]
    if landing is not None:
        from onstrategy.strategy.landing_refs import reference_problems

        problems += [StrategyProblem(_yaml_path(p.loc), p.message, _line_for(p.loc, lines))
                     for p in reference_problems(strategy, landing)]
    if problems:
        raise StrategyError(path, problems)
    return strategy


def validate_strategy_main(path: Path, landing: Path | None = None) -> int:
    """`onstrategy validate-strategy FILE [--landing DIR]`: every problem on stderr, exit 1; a summary on stdout,
    exit 0. With a landing zone, the records the strategy names are looked up in it too."""
    try:
        strategy = load_strategy(path, landing=landing)
    except StrategyError as error:
        for problem in error.problems:
            print(problem.render(error.file), file=sys.stderr)
        return 1
    except PersonaRulesError as error:
        for line in error.lines:
            print(line, file=sys.stderr)
        return 1
    versions = ", ".join(f"{v.name} (from {v.effective_from})" for v in strategy.versions)
    plans = sum(len(version.alignment_plans) for version in strategy.versions)
    checked = f"; checked against {landing}: {len(strategy.exceptions)} exception(s), {plans} alignment plan(s)" \
        if landing is not None else ""
    print(f"{path}: OK, {len(strategy.versions)} version(s): {versions}{checked}")
    return 0
