"""Metric definitions for the definitions page and the hover titles, from the dbt docs.

Source order per metric: the dbt `docs` block named like the metric in the manifest, else the column description
of `marts.fct_strategy_adherence_company`, else the doc block read from the project's own files (models/marts/*.md,
when the site is built without a manifest). Every registry metric has a doc block (tests/unit/test_metric_registry.py).
The strategy-credit columns (`metrics.CREDIT_METRICS`) take the doc block of their name, else their column description
in `marts.fct_strategy_credit_by_rep` (the manifest's, or models/marts/_marts__credit.yml without one).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from onstrategy.paths import PROJECT_ROOT
from onstrategy_site.metrics import CREDIT_METRICS, METRIC_SET, METRICS

DOC_FILES = (PROJECT_ROOT / "models" / "marts" / "metrics.md", PROJECT_ROOT / "models" / "marts" / "billing.md")
CREDIT_MART = "fct_strategy_credit_by_rep"
CREDIT_YAML = PROJECT_ROOT / "models" / "marts" / "_marts__credit.yml"
_DOC_BLOCK = re.compile(r"\{%-?\s*docs\s+(\w+)\s*-?%\}(.*?)\{%-?\s*enddocs\s*-?%\}", re.DOTALL)
PLAIN_LIMIT = 400  # the longest hover title, in characters
_TEMPLATING = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LINE_MARKS = re.compile(r"^[ \t]*(?:#+|>)[ \t]?", re.MULTILINE)  # a heading's or a quote's mark
# Markdown emphasis and code marks; an underscore between two word characters belongs to an identifier
# (on_strategy_share, s_p) and stays
_INLINE_MARKS = re.compile(r"`|\*+|(?<!\w)_+(?=\w)|(?<=\w)_+(?!\w)")
# the end of a sentence: a full stop, ! or ? before a space, not the one of "e.g." or "i.e."
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\bcf)[.!?](?=\s)")


def plain_text(markdown: str, limit: int = PLAIN_LIMIT) -> str:
    """Markdown as one line of plain text, cut after the last sentence that ends within `limit` characters (at a
    word, marked with an ellipsis, when even the first sentence is longer)."""
    text = _LINK.sub(r"\1", _TEMPLATING.sub("", markdown))
    text = " ".join(_INLINE_MARKS.sub("", _LINE_MARKS.sub("", text)).split())
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit)]
    if ends:
        return text[:ends[-1]]
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def doc_blocks(paths: tuple[Path, ...] = DOC_FILES) -> dict[str, str]:
    """The dbt doc blocks of the given Markdown files, by name."""
    blocks: dict[str, str] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        for match in _DOC_BLOCK.finditer(text):
            blocks.setdefault(match.group(1), match.group(2).strip())
    return blocks


@dataclass
class Definition:
    name: str
    label: str
    text: str  # Markdown from the dbt docs
    source: str  # "dbt docs block" | "dbt column description" | "project doc block"

    @cached_property
    def plain(self) -> str:
        """One-paragraph plain text for hover titles, whole sentences with the metric names as written (computed
        once: the header of every metric column of every table shows it)."""
        return plain_text(self.text)


@dataclass(frozen=True)
class Definitions:
    by_metric: dict[str, Definition]
    note: str  # where the definitions came from


def load_definitions(manifest_path: Path | None) -> Definitions:
    """Definitions per metric name and a note on where they came from."""
    docs: dict[str, str] = {}
    columns: dict[str, str] = {}
    credit_columns: dict[str, str] = {}
    note = "the project's doc blocks (no dbt manifest given)"
    if manifest_path is not None:
        try:
            manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = None
            note = f"the project's doc blocks (dbt manifest {Path(manifest_path).name} not readable)"
        if isinstance(manifest, dict):
            note = "dbt docs (target/manifest.json)"
            for doc in (manifest.get("docs") or {}).values():
                if isinstance(doc, dict) and doc.get("name") and doc.get("block_contents"):
                    docs.setdefault(str(doc["name"]), str(doc["block_contents"]).strip())
            for node in (manifest.get("nodes") or {}).values():
                target = {"fct_strategy_adherence_company": columns, CREDIT_MART: credit_columns}.get(
                    str(node.get("name"))) if isinstance(node, dict) and node.get("resource_type") == "model" else None
                if target is None:
                    continue
                for col, meta in (node.get("columns") or {}).items():
                    if isinstance(meta, dict) and meta.get("description"):
                        target[str(col)] = str(meta["description"]).strip()
    out: dict[str, Definition] = {}
    project_docs: dict[str, str] | None = None  # read only for a metric the manifest does not document
    for name in (*METRIC_SET, *(n for n in METRICS if n not in METRIC_SET)):
        m = METRICS[name]
        for key in (name, f"metric_{name}", f"{name}_definition"):
            if key in docs:
                out[name] = Definition(name, m.label, docs[key], "dbt docs block")
                break
        else:
            if name in columns:
                out[name] = Definition(name, m.label, columns[name], "dbt column description")
            else:
                if project_docs is None:
                    project_docs = doc_blocks()
                out[name] = Definition(name, m.label, project_docs.get(name, ""), "project doc block")
    out.update(_credit_definitions(docs, credit_columns))
    return Definitions(out, note)


def _credit_definitions(docs: dict[str, str], columns: dict[str, str]) -> dict[str, Definition]:
    """The strategy-credit columns' definitions: a doc block of their name, else the mart's column description
    (the project's YAML when the manifest has none)."""
    project_docs = doc_blocks() if not docs else {}
    yaml_columns = credit_yaml_columns() if not columns else {}
    out = {}
    for name, m in CREDIT_METRICS.items():
        if name in docs or name in project_docs:
            out[name] = Definition(name, m.label, docs.get(name) or project_docs[name],
                                   "dbt docs block" if name in docs else "project doc block")
        elif name in columns:
            out[name] = Definition(name, m.label, columns[name], "dbt column description")
        else:
            out[name] = Definition(name, m.label, yaml_columns.get(name, ""), "project column description")
    return out


def credit_yaml_columns(path: Path = CREDIT_YAML) -> dict[str, str]:
    """The column descriptions of fct_strategy_credit_by_rep in the project's YAML, by column."""
    try:
        models = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models") or []
    except (OSError, yaml.YAMLError):
        return {}
    model = next((m for m in models if isinstance(m, dict) and m.get("name") == CREDIT_MART), {})
    return {str(c["name"]): str(c.get("description") or "").strip() for c in model.get("columns") or []
            if isinstance(c, dict) and c.get("name")}
