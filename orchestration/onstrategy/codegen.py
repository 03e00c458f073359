"""Files generated from the project's registries, so no layer repeats what one place defines.

- the input contract (`onstrategy.ingest.contracts`): dbt sources, quarantine YAML, the contract macro, the tables
  of docs/input-contract.md (`onstrategy.ingest.contract_files`);
- the metric registry (`onstrategy.metrics`): the dbt registry macro, the adherence marts' metric columns, the
  semantic layer's share measures and metrics (`onstrategy.metric_files`).

`python -m onstrategy.codegen` (`make generate`) writes them; `--check` exits 1 naming each stale file, and a test
runs it, so a registry change without regenerating fails CI. A generated part of a hand-written file sits between
markers: `# generated:NAME` .. `# end generated` in YAML, `<!-- generated:NAME -->` .. `<!-- end generated -->` in
Markdown.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from onstrategy.paths import PROJECT_ROOT

GENERATED_NOTE = "Generated from {source} by `make generate`: do not edit."
_MARKDOWN_BLOCK = re.compile(r"(<!-- generated:([\w:.-]+) -->\n)(.*?)(<!-- end generated -->)", re.DOTALL)
_YAML_BLOCK = re.compile(r"(^([ \t]*)# generated:([\w:.-]+)\n)(.*?)(^[ \t]*# end generated$)", re.DOTALL | re.MULTILINE)


def jinja_literal(value: object) -> str:
    """A Python value as a Jinja literal for a generated macro: None, bools, text and dates (quoted), numbers (a
    whole number without a decimal point, so SQL built from it reads as the integer), lists, tuples and dicts."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, date):
        return json.dumps(value.isoformat())
    if isinstance(value, int | float):
        return f"{value:.0f}" if float(value).is_integer() else repr(float(value))
    if isinstance(value, list):
        return "[" + ", ".join(jinja_literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(jinja_literal(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{jinja_literal(k)}: {jinja_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Jinja literal for {value!r}")


def fill_markdown_blocks(text: str, blocks: Mapping[str, Callable[[], str]]) -> str:
    """`text` with each `<!-- generated:NAME -->` block rewritten by `blocks[NAME]()`."""
    return _MARKDOWN_BLOCK.sub(lambda m: m.group(1) + blocks[m.group(2)]() + "\n" + m.group(4), text)


def fill_yaml_blocks(text: str, blocks: Mapping[str, Callable[[], list[str]]]) -> str:
    """`text` with each `# generated:NAME` block rewritten: `blocks[NAME]()` gives its lines, indented like the
    marker. A marker without a generator is an error (a renamed block would otherwise go stale)."""
    def fill(match: re.Match[str]) -> str:
        name, indent = match.group(3), match.group(2)
        if name not in blocks:
            raise KeyError(f"no generator for the block {name!r}")
        lines = "".join(f"{indent}{line}\n" if line else "\n" for line in blocks[name]())
        return match.group(1) + lines + match.group(5)
    return _YAML_BLOCK.sub(fill, text)


def generated_files() -> dict[Path, str]:
    """Every generated file and the text it must hold."""
    from onstrategy import metric_files
    from onstrategy.ingest import contract_files

    return {**contract_files.generated_files(), **metric_files.generated_files()}


def stale_files() -> list[Path]:
    return [path for path, text in generated_files().items()
            if not path.is_file() or path.read_text(encoding="utf-8") != text]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m onstrategy.codegen", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated file is stale, write nothing")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        for path in stale:
            print(f"{path}: stale; run `make generate`", file=sys.stderr)
        return 1 if stale else 0
    for path, text in generated_files().items():
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
