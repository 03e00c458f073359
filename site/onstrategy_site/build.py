"""Build the executive site: query the marts, render Markdown pages from Jinja templates, run `mkdocs build`.

The parts: onstrategy_site.collect reads the warehouse, onstrategy_site.pages renders each kind of page,
onstrategy_site.mkdocs_build runs MkDocs, onstrategy_site.shards spreads the entity pages over processes.
"""

from __future__ import annotations

import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path

from onstrategy.errors import OnstrategyError
from onstrategy.strategy import load_strategy
from onstrategy_site.collect import SiteData, collect
from onstrategy_site.definitions import load_definitions
from onstrategy_site.mkdocs_build import render_and_build, write_search_script
from onstrategy_site.queries import Warehouse
from onstrategy_site.render import SiteRenderer
from onstrategy_site.search_entries import opportunity_entries
from onstrategy_site.shards import ForkedShard, fork_shard, merge_shard, shard_count


def _build_shard(make_renderer: Callable[[int, Path], SiteRenderer], shard: int, folder: Path) -> list[str]:
    """In a forked child: build shard `shard` into `folder/site`; return its entity pages."""
    site = make_renderer(shard, folder / "docs")
    render_and_build(site, folder / "site")
    return site.pages


def _summary(data: SiteData, pages: list[str], out_dir: Path, t0: float, t_query: float, t_render: float,
             t_end: float) -> dict:
    counts: dict[str, int] = defaultdict(int)
    for p in pages:
        counts[p.split("/", 1)[0] if "/" in p else "top"] += 1
    return {
        "pages": len(pages),
        "seconds": round(t_end - t0, 2),
        "query_seconds": round(t_query - t0, 2),
        "render_seconds": round(t_render - t_query, 2),
        "mkdocs_seconds": round(t_end - t_render, 2),
        "queries": data.queries_run,
        "as_of_quarter": data.asof.quarter,
        "rep_pages": counts.get("reps", 0) - 1,
        "team_pages": counts.get("teams", 0) - 1,
        "segment_pages": counts.get("segments", 0) - 1,
        "persona_pages": counts.get("personas", 0) - 1,
        "product_line_pages": counts.get("products", 0) - 1,
        "out_dir": str(out_dir),
    }


def build_site(warehouse: Path, out_dir: Path, strategy_file: Path, dbt_manifest: Path | None = None,
               after_queries: Callable[[], None] | None = None) -> dict:
    """Build the static site from the warehouse's marts into `out_dir` (absent or empty). Returns a summary.

    `after_queries` is called once every query has run and the warehouse is closed, before the pages are rendered:
    the pipeline starts copying the warehouse and generating the dbt docs there, beside the rendering."""
    t0 = time.perf_counter()
    warehouse, out_dir, strategy_file = Path(warehouse), Path(out_dir), Path(strategy_file)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise OnstrategyError(f"{out_dir}: site output folder must not exist or be empty")
    strategy = load_strategy(strategy_file)  # the pipeline validated the same file before it built the marts
    definitions = load_definitions(dbt_manifest)
    with tempfile.TemporaryDirectory(prefix="onstrategy-site-") as tmp:
        workspace = Path(tmp)
        wh = Warehouse(warehouse)
        try:
            data = collect(wh, strategy)
        finally:
            wh.close()
        shards = shard_count(data.entity_page_count())

        def make_renderer(shard: int, docs: Path) -> SiteRenderer:
            return SiteRenderer(data, strategy, strategy_file, definitions, docs, shard, shards)

        # the other shards fork before the caller starts threads (after_queries): a fork copies only this thread
        others: list[ForkedShard] = []
        try:
            for i in range(1, shards):  # inside the try: a failed fork still stops the children before it
                others.append(fork_shard(i, workspace / f"shard-{i}", partial(_build_shard, make_renderer, i)))
            if after_queries is not None:
                after_queries()
            t_query = time.perf_counter()
            site = make_renderer(0, workspace / "docs")
            t_render = render_and_build(site, out_dir)
            pages = list(site.pages)
            for shard in others:
                shard_pages = shard.wait()
                merge_shard(out_dir, shard.site, shard_pages)
                pages.extend(shard_pages)
        finally:
            for shard in others:
                shard.stop()
        write_search_script(out_dir, opportunity_entries(data, site.fmt))
    return _summary(data, pages, out_dir, t0, t_query, t_render, time.perf_counter())
