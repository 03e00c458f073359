"""Reading strategy.yml as untrusted input: bounded size, bounded alias expansion, no duplicate keys, no dates
constructed by YAML.

PyYAML's `safe_load` is safe from code execution but not from an alias bomb (a few KB of nested `*anchor`
references expand to billions of nodes when constructed) and it lets a repeated key silently replace the first one.
`parse_yaml` composes the document first (aliases stay references, so composing is linear in the text), measures
what the document would expand to and refuses it past `MAX_EXPANDED_NODES`, refuses a key repeated in one mapping
with both lines, and only then constructs it. Dates stay strings: the schema parses them, so `2026-02-30` is an
error with its YAML path instead of a traceback from the YAML library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

# Strategy files are a few KB; a long target-account list is the one thing that makes them big (10,000 Ids: 250 KB).
MAX_STRATEGY_BYTES = 2 << 20
# The document's size once every alias is expanded (mapping, sequence and scalar nodes).
MAX_EXPANDED_NODES = 200_000
MERGE_KEY = "<<"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


@dataclass(frozen=True)
class YamlProblem:
    """Why a document was refused, and the 1-based line it points at (None: the whole document)."""

    message: str
    line: int | None = None
    path: str = ""  # the YAML path of the value at fault (empty: the whole document)


class YamlRefused(Exception):
    def __init__(self, problems: list[YamlProblem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems


class _StrategyLoader(yaml.SafeLoader):
    """SafeLoader that leaves timestamps as the text written (the schema validates dates)."""


_StrategyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _timestamp_as_text(loader: _StrategyLoader, node: yaml.Node) -> str:
    """A value tagged `!!timestamp` as the text written, like an untagged date."""
    return loader.construct_yaml_str(node)


_StrategyLoader.add_constructor(TIMESTAMP_TAG, _timestamp_as_text)  # an explicit !!timestamp too


@dataclass(frozen=True)
class ParsedYaml:
    data: Any
    root: yaml.Node | None


def parse_yaml(text: str) -> ParsedYaml:
    """The document's data and its node tree (for line numbers); raises YamlRefused or yaml.YAMLError."""
    size = len(text.encode("utf-8"))
    if size > MAX_STRATEGY_BYTES:
        raise YamlRefused([YamlProblem(f"file is {size:,} bytes; a strategy file may hold at most "
                                       f"{MAX_STRATEGY_BYTES:,}")])
    loader = _StrategyLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except RecursionError:  # PyYAML composes nested collections recursively
            raise YamlRefused([YamlProblem("the document is nested too deeply to be a strategy file")]) from None
        if root is None:
            return ParsedYaml(None, None)
        expanded = _expanded_size(root, {}, set())
        if expanded > MAX_EXPANDED_NODES:
            raise YamlRefused([YamlProblem(
                f"aliases expand the document to more than {MAX_EXPANDED_NODES:,} values (an alias bomb?); "
                f"write the values out or use fewer nested aliases", root.start_mark.line + 1)])
        duplicates = duplicate_keys(root)
        if duplicates:
            raise YamlRefused(duplicates)
        try:
            return ParsedYaml(loader.construct_document(root), root)
        except RecursionError:
            raise YamlRefused([YamlProblem("the document is nested too deeply to be a strategy file")]) from None
    finally:
        loader.dispose()


def _expanded_size(node: yaml.Node, sizes: dict[int, int], open_nodes: set[int]) -> int:
    """Nodes in the document once every alias is expanded; raises YamlRefused on a recursive alias.

    Memoised by node: an alias is the same node object as its anchor, so each node is measured once and the walk
    is linear in the composed document, whatever it would expand to. Iterative, so no nesting depth overflows."""
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        current, children_done = stack.pop()
        key = id(current)
        if key in sizes:
            continue
        children = _children(current)
        if children_done:
            open_nodes.discard(key)
            sizes[key] = min(1 + sum(sizes[id(child)] for child in children), MAX_EXPANDED_NODES + 1)
            continue
        if key in open_nodes:
            raise YamlRefused([YamlProblem("a recursive alias (an anchor used inside itself) is not allowed",
                                           current.start_mark.line + 1)])
        open_nodes.add(key)
        stack.append((current, True))
        for child in children:
            if id(child) in open_nodes:
                raise YamlRefused([YamlProblem("a recursive alias (an anchor used inside itself) is not allowed",
                                               child.start_mark.line + 1)])
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(node)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def duplicate_keys(root: yaml.Node) -> list[YamlProblem]:
    """Every key written twice in one mapping, with both lines (merge keys `<<` may repeat)."""
    problems: list[YamlProblem] = []
    seen_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        children: list[tuple[yaml.Node, str]] = []
        if isinstance(node, yaml.MappingNode):
            first_line: dict[str, int] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                child_path = f"{path}.{name}" if path else name
                children.append((value, child_path))
                if not isinstance(key, yaml.ScalarNode) or key.value == MERGE_KEY:
                    continue
                line = key.start_mark.line + 1
                if key.value in first_line:
                    where = f"line {line}" if first_line[key.value] == line else \
                        f"lines {first_line[key.value]} and {line}"
                    problems.append(YamlProblem(f"key {key.value!r} appears twice in one mapping ({where}); "
                                                "keep one", line, child_path))
                else:
                    first_line[key.value] = line
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, f"{path}[{i}]") for i, item in enumerate(node.value)]
        stack.extend(reversed(children))
    return sorted(problems, key=lambda p: p.line or 0)
