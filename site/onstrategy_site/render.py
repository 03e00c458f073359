"""Rendering one process's pages: the Jinja environment, Markdown files under `docs`, and the HTML fragments kept
out of Markdown (put back after mkdocs rendered each page, see onstrategy_site.mkdocs_build)."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from onstrategy.labels import label as code_label
from onstrategy.strategy import Strategy
from onstrategy_site.collect import SiteData
from onstrategy_site.definitions import Definitions
from onstrategy_site.formatting import Formatter, yaml_title
from onstrategy_site.layout import site_nav
from onstrategy_site.materiality import held_out_sentences
from onstrategy_site.metrics import RED_FLAG_METRICS, metric
from onstrategy_site.tables import CreditTile, render_table

PACKAGE_DIR = Path(str(resources.files("onstrategy_site")))
SLOT = re.compile(r"<!--os-slot:(\d+)-->")

T = TypeVar("T")


class SiteRenderer:
    """Renders the pages of shard `shard` of `shards` (onstrategy_site.shards) into Markdown files under `docs`."""

    def __init__(self, data: SiteData, strategy: Strategy, strategy_file: Path, definitions: Definitions,
                 docs: Path, shard: int = 0, shards: int = 1) -> None:
        self.data = data
        self.strategy = strategy
        self.strategy_file = strategy_file
        self.definitions = definitions
        self.docs = docs
        self.shard = shard
        self.shards = shards
        self.fmt = Formatter(strategy.reporting_currency)
        self.held_out = held_out_sentences(data.quality.quarantine_impact, lambda v: self.fmt.money(v, compact=True),
                                           code_label)
        self.pages: list[str] = []  # the Markdown pages written, relative to `docs`
        self.fragments: dict[str, list[str]] = {}  # the HTML fragments of each page, by page
        self._slots: list[str] = []  # the fragments of the page being rendered
        self._templates: dict[str, jinja2.Template] = {}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(PACKAGE_DIR / "templates")),
            autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            # the templates do not change during a build: no file check on every `{% import %}` of every page
            auto_reload=False,
        )
        self.env.filters["yaml_title"] = yaml_title
        self.env.filters["slot"] = self._slot
        self.env.filters["label"] = code_label  # a red flag or reason code in words
        self.env.tests["credit_tile"] = lambda t: isinstance(t, CreditTile)
        self.env.globals.update(
            fmt=self.fmt, defs=definitions.by_metric, table_html=render_table,
            mlabel=lambda n: metric(n).label, mkind=lambda n: metric(n).kind,
            flag_titles={f: f"{metric(m).label} {'above' if f.endswith('_above') else 'below'} the strategy's threshold"
                         for f, m in RED_FLAG_METRICS.items()}
            | {"no_approved_plan": "The quarter's strategy version has alignment plans and this team has none"},
            # what a tile's delta colour says when the tile has a target (formatting.Formatter.judged_direction)
            delta_reading={"good": ": on target and holding", "bad": ": below target and not improving",
                           "mixed": ": moving the right way but below target, or slipping while on target",
                           "flat": ": no material change"},
        )

    def write(self, rel: str, template: str, **ctx: Any) -> None:
        """Render `template` into the page `rel` (relative to `docs`)."""
        depth = rel.count("/")
        tpl = self._templates.get(template) or self.env.get_template(template)
        self._templates[template] = tpl
        self._slots = []
        text = tpl.render(root="../" * depth, asof=self.data.asof, strategy=self.strategy, held_out=self.held_out,
                          **ctx)
        self.fragments[rel] = self._slots
        path = self.docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.pages.append(rel)

    def mine(self, entities: list[T]) -> list[T]:
        """The entities whose pages this shard renders (every `shards`-th one, starting at `shard`)."""
        return entities[self.shard::self.shards]

    def write_nav_stand_ins(self) -> None:
        """The navigation pages as one-line stand-ins: the theme draws the same navigation from them."""
        for label, rel in site_nav(bool(self.data.org.managers), self.data.credit.available,
                                     self.data.alignment.available):
            path = self.docs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# {label}\n", encoding="utf-8")

    def _slot(self, html: str) -> Markup:
        """Keep a finished HTML fragment out of Markdown: a placeholder now, the fragment after mkdocs rendered
        the page. Markdown and the search indexer then never parse the big tables and charts."""
        self._slots.append(str(html))
        return Markup(f"<!--os-slot:{len(self._slots) - 1}-->")
