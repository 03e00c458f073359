"""The MkDocs glue: the configuration of a build, the in-process plugin, `mkdocs build` of one shard's pages and
the search script written after the shards' search indexes were merged."""

from __future__ import annotations

import json
import logging
import re
import shutil
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from mkdocs.plugins import BasePlugin

from onstrategy.errors import OnstrategyError
from onstrategy_site.layout import site_nav
from onstrategy_site.pages import build_pages
from onstrategy_site.render import PACKAGE_DIR, SLOT, SiteRenderer

BASE_CONFIG = PACKAGE_DIR.parent / "mkdocs.yml"


class _SitePlugin(BasePlugin):
    """In-process mkdocs plugin: puts the HTML fragments back in place of their placeholders in each page, and
    keeps the output free of other hosts' URLs."""

    def __init__(self, fragments: dict[str, list[str]]) -> None:
        super().__init__()
        self.fragments = fragments

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        frags = self.fragments.get(page.file.src_uri)
        if frags:
            output = SLOT.sub(lambda m: frags[int(m.group(1))], output)
        return _strip_svg_namespace(output)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: Any) -> str:
        if template_name == "404.html" and not config.get("site_url"):  # with a site_url its URLs are right
            output_content = relative_404(output_content)
        return _strip_svg_namespace(output_content)


def write_search_script(site_dir: Path, extra_docs: Sequence[Mapping[str, str]] = ()) -> None:
    """From file:// browsers refuse Material's search worker, so the site's own script (assets/onstrategy.js) loads
    the search index as a script (search/search_index.js), as Material's offline plugin would write it; that plugin
    also adds a polyfill from a CDN, so the script is written here (after the shards' indexes were merged).
    `extra_docs` (location, title, text; HTML-escaped) join the index: names that only tables show, which MkDocs
    indexes before the tables are put in (accounts, opportunities)."""
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        return
    text = index.read_text(encoding="utf-8")
    if extra_docs:
        content = json.loads(text)
        content["docs"].extend(dict(doc) for doc in extra_docs)
        text = json.dumps(content)
        index.write_text(text, encoding="utf-8")
    (index.parent / "search_index.js").write_text("var __index = " + text, encoding="utf-8")


# a URL from the host's root ("/assets/..."), not a protocol-relative one ("//host/...")
_ROOT_URL = re.compile(r'(\b(?:href|src)=")/(?!/)')


def relative_404(html: str) -> str:
    """Without a site_url MkDocs writes 404.html with URLs from the host's root ("/assets/..."), which miss from
    file:// and from a site in a sub-folder; 404.html sits at the site's root, so the same URLs without the leading
    slash, and a site root (Material's base and scope) of ".", hold wherever the site is (for a page at its root:
    a host that serves 404.html for a missing reps/x.html resolves them from reps/)."""
    html = _ROOT_URL.sub(r"\1", html)
    html = html.replace('__md_scope=new URL("/",location)', '__md_scope=new URL(".",location)')
    html = html.replace('"base": "/"', '"base": "."')
    return html.replace('"search": "/', '"search": "')


def _strip_svg_namespace(html: str) -> str:
    """Inline SVG in HTML needs no xmlns; without it the pages hold no URL of another host at all."""
    return html.replace(' xmlns="http://www.w3.org/2000/svg"', "")


def _mkdocs_config(workspace: Path, docs: Path, out_dir: Path, nav: list[tuple[str, str]]) -> Path:
    if BASE_CONFIG.is_file():
        base = yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8")) or {}
    else:  # installed without the source tree: the essentials
        base = {"site_name": "onstrategy", "use_directory_urls": False,
                "theme": {"name": "material", "font": False}, "plugins": ["search"]}
    base["docs_dir"] = str(docs)
    base["site_dir"] = str(out_dir)
    base["nav"] = [{label: path} for label, path in nav]
    base.setdefault("extra_css", ["assets/onstrategy.css"])
    base.setdefault("extra_javascript", ["assets/onstrategy.js", "assets/charts.js"])
    cfg = workspace / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(base, sort_keys=False), encoding="utf-8")
    return cfg


def render_and_build(site: SiteRenderer, out_dir: Path) -> float:
    """Render this shard's pages into `site.docs`, then `mkdocs build` them into `out_dir`. Returns the time the
    rendering ended (perf_counter)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    docs = site.docs
    docs.mkdir(parents=True)
    build_pages(site)
    shutil.copytree(PACKAGE_DIR / "assets", docs / "assets")
    t_render = time.perf_counter()
    nav = site_nav(bool(site.data.org.managers), site.data.credit.available, site.data.alignment.available)
    cfg_path = _mkdocs_config(docs.parent, docs, out_dir, nav)
    log = logging.getLogger("mkdocs")
    old_level = log.level
    log.setLevel(logging.WARNING)
    try:
        cfg = load_config(config_file=str(cfg_path))
        cfg.plugins["onstrategy-site"] = _SitePlugin(site.fragments)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg)
        finally:
            cfg.plugins.on_shutdown()
        for name in ("sitemap.xml", "sitemap.xml.gz"):  # empty without a site_url: nothing to publish
            (out_dir / name).unlink(missing_ok=True)
    except MkDocsException as exc:
        raise OnstrategyError(f"{cfg_path}: mkdocs build failed: {exc}") from exc
    finally:
        log.setLevel(old_level)
    return t_render
