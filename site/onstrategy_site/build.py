"""Build the executive site: query the marts, render Markdown pages from Jinja templates, run `mkdocs build`.

Python here only selects, groups and formats rows that the SQL in `queries/` returned; no metric is computed.
"""

from __future__ import annotations

import logging
import math
import re
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup
from mkdocs.plugins import BasePlugin

from onstrategy.errors import OnstrategyError
from onstrategy.settings import quarantine_block_share, quarantine_warn_share
from onstrategy.strategy import Strategy, load_strategy
from onstrategy.strategy.fiscal import fiscal_quarter_bounds_of_label
from onstrategy_site import charts
from onstrategy_site.charts import Series
from onstrategy_site.definitions import load_definitions
from onstrategy_site.formatting import Formatter, is_missing, safe_id, slugify, yaml_title
from onstrategy_site.materiality import cause_text, held_out_sentences
from onstrategy_site.metrics import DELTA_METRICS, GROWTH_MOTIONS, METRICS, RED_FLAG_METRICS, metric
from onstrategy_site.queries import Warehouse
from onstrategy_site.shards import ForkedShard, fork_shard, merge_shard, shard_count
from onstrategy_site.tables import Column, Table, Tile, mcol, render_table

PACKAGE_DIR = Path(str(resources.files("onstrategy_site")))
BASE_CONFIG = PACKAGE_DIR.parent / "mkdocs.yml"

# (grain, mart table, key column, folder, singular label, plural label)
GRAINS = {
    "team": ("fct_strategy_adherence_by_team", "team", "teams", "Team", "Teams"),
    "segment": ("fct_strategy_adherence_by_segment", "segment", "segments", "Segment", "Segments"),
    "persona": ("fct_strategy_adherence_by_persona", "persona", "personas", "Persona", "Personas"),
    "product": ("fct_strategy_adherence_by_product", "product_line", "products", "Product line", "Product lines"),
}

NAV = [
    ("Overview", "index.md"), ("Strategy", "strategy.md"), ("Red flags", "red-flags.md"),
    ("Reps", "reps/index.md"), ("Teams", "teams/index.md"), ("Segments", "segments/index.md"),
    ("Personas", "personas/index.md"), ("Product lines", "products/index.md"),
    ("Pipeline review", "pipeline.md"), ("Billing outcomes", "billing.md"),
    ("Data quality", "data-quality.md"), ("Metric definitions", "definitions.md"),
]


def _by(rows: Iterable[dict[str, Any]], key: str) -> dict[Any, list[dict[str, Any]]]:
    out: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[r[key]].append(r)
    return out


def _up(href: str | None) -> str | None:
    """A site-root-relative link as seen from a page one folder down."""
    return "../" + href if href else None


def _num(v: Any) -> float | None:
    return None if is_missing(v) else float(v)


class SiteBuilder:
    def __init__(self, wh: Warehouse, strategy: Strategy, strategy_file: Path, manifest: Path | None,
                 docs: Path) -> None:
        self.wh = wh
        self.strategy = strategy
        self.strategy_file = strategy_file
        self.docs = docs
        self.fmt = Formatter(strategy.reporting_currency)
        self.defs, self.defs_note = load_definitions(manifest)
        self.pages: list[str] = []
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(PACKAGE_DIR / "templates")),
            autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            # the templates do not change during a build: no file check on every `{% import %}` of every page
            auto_reload=False,
        )
        self.env.filters["yaml_title"] = yaml_title
        self.env.filters["slot"] = self._slot
        self.fragments: dict[str, list[str]] = {}
        self._slots: list[str] = []
        self.env.globals.update(
            fmt=self.fmt, defs=self.defs, table_html=render_table,
            mlabel=lambda n: metric(n).label, mkind=lambda n: metric(n).kind,
            flag_titles={f: f"{metric(m).label} below the strategy's threshold" for f, m in RED_FLAG_METRICS.items()},
        )
        self._templates: dict[str, jinja2.Template] = {}
        # which entity pages this process renders (onstrategy_site.shards): shard `shard` of `shards`
        self.shard, self.shards = 0, 1

    # --- helpers ---------------------------------------------------------------------------------------------------
    def write(self, rel: str, template: str, **ctx: Any) -> None:
        depth = rel.count("/")
        tpl = self._templates.get(template) or self.env.get_template(template)
        self._templates[template] = tpl
        self._slots = []
        text = tpl.render(root="../" * depth, asof=self.asof, strategy=self.strategy, held_out=self.held_out, **ctx)
        self.fragments[rel] = self._slots
        path = self.docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.pages.append(rel)

    def mine(self, entities: list[Any]) -> list[Any]:
        """The entities whose pages this shard renders (every `shards`-th one, starting at `shard`)."""
        return entities[self.shard::self.shards]

    def entity_page_count(self) -> int:
        return len(self.reps) + sum(len(slugs) for slugs in self.slugs.values())

    def _slot(self, html: str) -> Markup:
        """Keep a finished HTML fragment out of Markdown: a placeholder now, the fragment after mkdocs rendered
        the page (see _SitePlugin). Markdown and the search indexer then never parse the big tables and charts."""
        self._slots.append(str(html))
        return Markup(f"<!--os-slot:{len(self._slots) - 1}-->")

    def href(self, grain: str, key: Any) -> str | None:
        if key is None:
            return None
        if grain == "rep":
            return f"reps/{self.rep_slugs[key]}.html" if key in self.rep_slugs else None
        slugs = self.slugs[grain]
        return f"{GRAINS[grain][2]}/{slugs[key]}.html" if key in slugs else None

    def metric_cols(self, table: str, names: Iterable[str]) -> list[str]:
        cols = set(self.wh.columns.get(f"marts.{table}", []))
        return [n for n in names if n in cols]

    def quarters(self, table: str, keys: list[str]) -> list[dict[str, Any]]:
        metrics = self.metric_cols(table, [*DELTA_METRICS, "share_of_quarter", "share_gap"])
        return self.wh.run("quarters_with_deltas", table=table, keys=keys, metrics=metrics)

    def tile(self, row: dict[str, Any] | None, name: str, **kw: Any) -> Tile:
        row = row or {}
        return Tile(name=name, value=row.get(name), delta=row.get(f"d_{name}"),
                    rel=row.get("rel_bookings_amount") if name == "bookings_amount" else None, **kw)

    def fy_label(self, q: str) -> str:
        return q

    # --- data ------------------------------------------------------------------------------------------------------
    def collect(self) -> None:
        wh = self.wh
        self.company = self.quarters("fct_strategy_adherence_company", [])
        as_of = wh.run("as_of")[0]
        as_of_date: date | None = as_of["as_of_date"]
        if not self.company or as_of_date is None:
            raise OnstrategyError(f"{wh.path}: marts.fct_strategy_adherence_company has no quarters: no bookings?")
        start_month = self.strategy.fiscal_year_start_month
        complete = []
        for r in self.company:
            bounds = fiscal_quarter_bounds_of_label(r["fiscal_quarter"], start_month)
            if bounds and bounds[1] <= as_of_date:
                complete.append(r)
        current = complete[-1] if complete else self.company[-1]
        bounds = fiscal_quarter_bounds_of_label(current["fiscal_quarter"], start_month)
        q_index = current["fiscal_quarter_index"]
        prev = next((r for r in self.company if r["fiscal_quarter_index"] == q_index - 1), None)
        version = self.strategy.version_by_id(current.get("version_id")) or \
            (self.strategy.version_on(bounds[0]) if bounds else self.strategy.versions[-1])
        desc = []
        if bounds:
            desc.append(f"({bounds[0].isoformat()} to {bounds[1].isoformat()}), "
                        + ("the latest complete fiscal quarter" if complete else "in progress: no quarter has ended"))
        desc.append(f"· data through {as_of_date.isoformat()}")
        if prev:
            desc.append(f"· deltas vs {prev['fiscal_quarter']}")
        self.asof = {
            "quarter": current["fiscal_quarter"], "index": q_index, "date": as_of_date,
            "prev_quarter": prev["fiscal_quarter"] if prev else None, "complete": bool(complete),
            "start": bounds[0] if bounds else None, "end": bounds[1] if bounds else None,
            "version": version, "description": " ".join(desc),
        }
        self.company_row = current
        self.company_prev = prev
        q = {"q": q_index}
        self.reps = wh.run("reps", q)
        self.rep_quarters = _by(self.quarters("fct_strategy_adherence_by_rep", ["rep_id"]), "rep_id")
        self.rep_lines = _by(wh.run("rep_product_lines", q), "rep_id")
        self.rep_accounts = _by(wh.run("rep_accounts", q), "rep_id")
        self.group_reps = _by(wh.run("group_reps", q), "grain")
        self.grain_rows: dict[str, dict[Any, list[dict[str, Any]]]] = {}
        for grain, (table, key, *_rest) in GRAINS.items():
            rows = self.quarters(table, [key]) if wh.has(f"marts.{table}") else []
            self.grain_rows[grain] = _by(rows, key)
        self.segment_accounts = _by(wh.run("segment_accounts", q), "segment")
        self.red_by_quarter = wh.run("red_flags_by_quarter")
        self.red_by_type = wh.run("red_flags_by_type", q)
        self.pipeline = _by(wh.run("pipeline_lists"), "list") if wh.has("marts.fct_pipeline") else None
        self.pipeline_summary = wh.run("pipeline_summary") if wh.has("marts.fct_pipeline") else []
        has_billing = wh.has("marts.fct_billing_lines")
        self.billing_by_quarter = wh.run("billing_by_quarter") if has_billing else []
        self.billing_by_line = wh.run("billing_by_line") if has_billing else []
        self.billing_match = wh.run("billing_match") if wh.has("marts.dim_billing_customers") else []
        self.retention = wh.run("retention") if wh.has("marts.fct_retention_by_icp") else []
        self.retention_summary = wh.run("billing_retention_summary") if self.retention else []
        has_booked_billed = wh.has("marts.fct_booked_vs_billed_by_account")
        self.booked_billed = wh.run("billing_booked_vs_billed") if has_booked_billed else []
        self.booked_billed_segments = (wh.run("billing_booked_vs_billed_by_segment")
                                       if wh.has("marts.fct_booked_vs_billed_by_segment") else [])
        self.unmatched = wh.run("unmatched_customers") if wh.has("marts.billing_unmatched_customers") else []
        self.unmatched_count = None
        if wh.has("marts.billing_unmatched_customers"):
            self.unmatched_count = wh.con.execute(
                "select count(*) from marts.billing_unmatched_customers").fetchone()[0]
        self.freshness = wh.run("freshness")
        table_list = sorted(tuple(t.split(".", 1)) for t in wh.columns)
        self.row_counts = wh.run("row_counts", table_list=table_list)
        qtables = [t for t in wh.tables("quarantine") if "reason" in wh.columns[f"quarantine.{t}"]]
        self.quarantine = wh.run("quarantine_reasons", quarantine_tables=qtables) if qtables else []
        self.quarantine_impact = wh.run("quarantine_impact") if wh.has("audit.quarantine_impact") else []
        self.held_out = held_out_sentences(self.quarantine_impact, lambda v: self.fmt.money(v, compact=True))
        self.audit_tables = {}
        for t in wh.tables("audit"):
            cur = wh.con.execute(f'select * from audit."{t.replace(chr(34), chr(34) * 2)}" limit 500')
            cols = [d[0] for d in cur.description]
            self.audit_tables[t] = (cols, [dict(zip(cols, r, strict=True)) for r in cur.fetchall()])
        # slugs of entity pages
        self.rep_slugs = {r["rep_id"]: safe_id(r["rep_id"]) for r in self.reps}
        self.slugs: dict[str, dict[Any, str]] = {}
        for grain in GRAINS:
            names = set(self.grain_rows[grain])
            if grain == "team":
                names |= {r["team"] for r in self.reps if r["team"] is not None}
            if grain == "product":
                names |= {ln["product_line"] for lines in self.rep_lines.values() for ln in lines}
            self.slugs[grain] = {n: slugify(n) for n in names if n is not None}
        for r in self.reps:  # every page's links to reps and their teams (any shard renders any of them)
            r["_href"] = self.href("rep", r["rep_id"])
            r["_team_href"] = self.href("team", r["team"])

    # --- pages -----------------------------------------------------------------------------------------------------
    def build_pages(self) -> None:
        if self.shard != 0:  # shard 0 builds the other pages; this one only needs the navigation around its pages
            self.write_nav_stand_ins()
        else:
            self.build_main_pages()
        self.rep_pages()
        for grain in GRAINS:
            self.page_grain(grain)

    def build_main_pages(self) -> None:
        self.page_overview()
        self.page_strategy()
        self.page_red_flags()
        self.page_reps()
        self.page_pipeline()
        self.page_billing()
        self.page_data_quality()
        self.page_definitions()

    def write_nav_stand_ins(self) -> None:
        """The navigation pages as one-line stand-ins: the theme draws the same navigation from them."""
        for label, rel in NAV:
            path = self.docs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# {label}\n", encoding="utf-8")

    def quarter_axis(self) -> list[str]:
        """Quarters of the trend charts: every quarter up to the as-of quarter (later ones are in progress)."""
        return [r["fiscal_quarter"] for r in self.company if r["fiscal_quarter_index"] <= self.asof["index"]]

    def history(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Rows of a by-quarter table, newest first; quarters after the as-of quarter marked in progress."""
        out = []
        for r in reversed(rows):
            if r["fiscal_quarter_index"] > self.asof["index"]:
                r = {**r, "fiscal_quarter": f"{r['fiscal_quarter']} (in progress)", "_cls": "os-partial"}
            out.append(r)
        return out

    def series_for(self, rows: list[dict[str, Any]], key: str) -> list[float | None]:
        by_q = {r["fiscal_quarter"]: r.get(key) for r in rows}
        return [_num(by_q.get(q)) for q in self.quarter_axis()]

    def objective_targets(self, name: str) -> list[float | None]:
        """Target of an objective per quarter (by the strategy version of the quarter)."""
        out = []
        for r in self.company:
            if r["fiscal_quarter_index"] > self.asof["index"]:
                continue
            v = self.strategy.version_by_id(r.get("version_id")) or self.strategy.versions[-1]
            t = next((o.target for o in v.objectives if o.metric == name), None)
            out.append(_num(t))
        return out

    def objective_target(self, name: str) -> float | None:
        v = self.asof["version"]
        return next((_num(o.target) for o in (v.objectives if v else []) if o.metric == name), None)

    def kpi_tiles(self, row: dict[str, Any] | None, names: list[str], with_targets: bool = True) -> list[Tile]:
        out = []
        for n in names:
            t = self.tile(row, n)
            if with_targets:
                t.target = self.objective_target(n)
            out.append(t)
        return out

    def company_tiles(self) -> list[Tile]:
        v = self.asof["version"]
        objective_metrics = [o.metric for o in (v.objectives if v else []) if o.metric in METRICS]
        names = ["bookings_amount", "on_strategy_share", "adherence_score"]
        names += [m for m in objective_metrics if m not in names]
        names += [m for m in ("icp_customer_share", "new_logo_share", "pipeline_created_amount") if m not in names]
        tiles = self.kpi_tiles(self.company_row, names)
        flagged = {r["fiscal_quarter_index"]: r for r in self.red_by_quarter}
        cur = flagged.get(self.asof["index"])
        prev = flagged.get(self.asof["index"] - 1)
        if cur:
            tiles.append(Tile(name="red_flag_count", label="Reps with red flags", value=cur["reps_flagged"],
                              delta=(cur["reps_flagged"] - prev["reps_flagged"]) if prev else None, kind="count",
                              note=f"of {cur['reps_active']} reps with activity"))
        return tiles

    def page_overview(self) -> None:
        cats = self.quarter_axis()
        trend = charts.line_chart(
            "On-strategy share by quarter", cats,
            [Series("On-strategy share", self.series_for(self.company, "on_strategy_share")),
             Series("Target", self.objective_targets("on_strategy_share"), dashed=True, color=7)],
            self.fmt.pct, ymax=1.0)
        adherence = charts.line_chart(
            "Adherence score by quarter", cats,
            [Series("Adherence score", self.series_for(self.company, "adherence_score"), color=2)],
            lambda v: f"{v:.0f}", ymax=100)
        product_rows = sorted(
            (rs for rs in self.grain_rows["product"].values()), key=lambda rs: rs[0]["product_line"])
        lines_q = [next((r for r in rs if r["fiscal_quarter_index"] == self.asof["index"]), None)
                   for rs in product_rows]
        lines_q = [r for r in lines_q if r is not None]
        lines_q.sort(key=lambda r: (-(_num(r.get("target_share")) or 0), r["product_line"]))
        mix = charts.bar_chart(
            f"Product mix vs target mix, {self.asof['quarter']}", [r["product_line"] for r in lines_q],
            [Series("Share of bookings", [_num(r.get("share_of_quarter")) for r in lines_q]),
             Series("Target share", [_num(r.get("target_share")) for r in lines_q], dashed=True, color=7)],
            self.fmt.pct, links=[self.href("product", r["product_line"]) for r in lines_q])
        mix_trend = charts.bar_chart(
            "Product mix by quarter (share of bookings)", cats,
            [Series(name, self.series_for(rs, "share_of_quarter"), color=i % 7)
             for i, (name, rs) in enumerate(sorted(self.grain_rows["product"].items(), key=lambda kv: str(kv[0])))],
            self.fmt.pct, stacked=True, ymax=1.0)
        motions = charts.bar_chart(
            "Growth motions by quarter (share of bookings)", cats,
            [Series(label, self.series_for(self.company, key), color=i)
             for i, (key, label) in enumerate(GROWTH_MOTIONS)],
            self.fmt.pct, stacked=True, ymax=1.0)
        ranked = [r for r in self.reps if not is_missing(r.get("adherence_score"))]
        ranked.sort(key=lambda r: (-float(r["adherence_score"]), r["rep_name"] or ""))
        rep_cols = [Column("rep_name", "Rep", link="_href"), mcol("adherence_score", label="Adherence"),
                    mcol("on_strategy_share", label="On-strategy"), mcol("bookings_amount")]
        company_table = Table(
            "company-quarters",
            [Column("fiscal_quarter", "Quarter"), mcol("bookings_amount"), mcol("on_strategy_share"),
             mcol("icp_share"), mcol("strategic_product_share"), mcol("new_logo_share"),
             mcol("product_balance_score"), mcol("icp_customer_share"), mcol("pipeline_created_amount"),
             mcol("adherence_score"), mcol("reps_selling")],
            self.history(self.company), "company-by-quarter", search=False, row_class="_cls")
        self.write("index.md", "overview.md.j2", tiles=self.company_tiles(), trend=trend, adherence=adherence,
                   mix=mix, mix_trend=mix_trend, motions=motions, company=self.company_row,
                   top=Table("top-reps", rep_cols, ranked[:5], "top-reps", search=False),
                   bottom=Table("bottom-reps", rep_cols, list(reversed(ranked[-5:])) if len(ranked) > 5 else [],
                                "bottom-reps", search=False),
                   company_table=company_table, reps_count=len(self.reps))

    def page_strategy(self) -> None:
        strategy = self.strategy
        current = self.asof["version"]
        versions = [(strategy.version_id(v), v) for v in reversed(strategy.versions)]
        self.write("strategy.md", "strategy.md.j2", versions=versions, strategy_file=self.strategy_file,
                   current_id=strategy.version_id(current) if current else None,
                   product_href={p.name: self.href("product", p.name) for _, v in versions for p in v.product_lines},
                   segment_href={s.name: self.href("segment", s.name) for _, v in versions for s in v.segments},
                   persona_href={n: self.href("persona", n) for _, v in versions for n in v.target_personas})

    def page_red_flags(self) -> None:
        rows = [dict(r) for r in self.reps if (r.get("red_flag_count") or 0) > 0]
        rows.sort(key=lambda r: (-(r["red_flag_count"] or 0), -(r.get("bookings_amount") or 0)))
        table = Table("red-flag-reps", [
            Column("rep_name", "Rep", link="_href"), Column("team", "Team", link="_team_href"),
            mcol("red_flags", kind="flags"), mcol("red_flag_count", label="Flags"),
            mcol("on_strategy_share"), mcol("icp_customer_share"), mcol("icp_time_share"),
            mcol("bookings_amount"), mcol("adherence_score")], rows, f"red-flags-{self.asof['quarter']}")
        by_q = self.red_by_quarter
        chart = charts.bar_chart(
            "Reps with at least one red flag, by quarter", [r["fiscal_quarter"] for r in by_q],
            [Series("Reps flagged", [r["reps_flagged"] for r in by_q], color=3),
             Series("Reps with bookings", [r["reps_selling"] for r in by_q], color=0)],
            lambda v: f"{v:,.0f}")
        by_type = Table("red-flags-by-type", [Column("flag_name", "Red flag"), Column("reps", "Reps", "count")],
                        self.red_by_type, "red-flags-by-type", search=False)
        v = self.asof["version"]
        self.write("red-flags.md", "red_flags.md.j2", table=table, chart=chart, by_type=by_type,
                   thresholds=sorted((v.red_flags if v else {}).items()), flag_metric=RED_FLAG_METRICS)

    def page_reps(self) -> None:
        cols = [Column("rep_name", "Rep", link="_href"), Column("team", "Team", link="_team_href"),
                Column("is_active", "Active", "bool"), mcol("bookings_amount"), mcol("on_strategy_share"),
                mcol("strategic_product_share"), mcol("new_logo_share"), mcol("product_balance_score"),
                mcol("icp_customer_share"), mcol("adherence_score"),
                Column("d_adherence_score", "Δ adherence", "score100", metric="adherence_score"),
                mcol("red_flags")]
        self.write("reps/index.md", "reps_index.md.j2",
                   table=Table("reps", cols, self.reps, f"reps-{self.asof['quarter']}"))

    def rep_pages(self) -> None:
        cats = self.quarter_axis()
        company_on = self.series_for(self.company, "on_strategy_share")
        company_by_q = {r["fiscal_quarter"]: r for r in self.company}
        for rep in self.mine(self.reps):
            rid = rep["rep_id"]
            hist = self.rep_quarters.get(rid, [])
            cur = next((r for r in hist if r["fiscal_quarter_index"] == self.asof["index"]), None)
            tiles = self.kpi_tiles(cur, ["bookings_amount", "on_strategy_share", "adherence_score",
                                         "strategic_product_share", "new_logo_share", "product_balance_score"])
            for t in tiles:
                t.note = f"Company {self.fmt.metric(self.company_row.get(t.name), t.name, compact=True)}"
            tiles.append(self.tile(cur, "red_flag_count"))
            trend = charts.line_chart(
                "On-strategy share by quarter", cats,
                [Series("This rep", self.series_for(hist, "on_strategy_share")),
                 Series("Company", company_on, dashed=True, color=7)], self.fmt.pct, ymax=1.0)
            lines = self.rep_lines.get(rid, [])
            for ln in lines:
                ln["_href"] = self.href("product", ln["product_line"])
            mix_lines = [ln for ln in lines if ln["amount_q"] or ln.get("target_share")]
            mix = charts.bar_chart(
                f"Product mix vs target, {self.asof['quarter']}", [ln["product_line"] for ln in mix_lines],
                [Series("This rep", [_num(ln["share_of_rep_q"]) for ln in mix_lines]),
                 Series("Target share", [_num(ln.get("target_share")) for ln in mix_lines], dashed=True, color=7)],
                self.fmt.pct, links=[_up(ln["_href"]) for ln in mix_lines]
            ) if cur and cur.get("bookings_amount") else None
            motions = charts.bar_chart(
                "Growth motions by quarter (share of the rep's bookings)", cats,
                [Series(label, self.series_for(hist, key), color=i) for i, (key, label) in enumerate(GROWTH_MOTIONS)],
                self.fmt.pct, stacked=True, ymax=1.0)
            lines_table = Table("rep-product-lines", [
                Column("product_line", "Product line", link="_href"),
                Column("amount_q", f"Bookings {self.asof['quarter']}", "money"),
                Column("share_of_rep_q", "Share of rep", "share"), mcol("target_share"),
                Column("accounts_q", "Accounts", "count"), Column("amount_all", "Bookings, all quarters", "money")],
                lines, f"rep-{self.rep_slugs[rid]}-product-lines", search=False)
            accounts = self.rep_accounts.get(rid, [])
            acc_table = Table("rep-accounts", [
                Column("account_name", "Account"), Column("segment", "Segment", link="_seg_href"),
                Column("is_icp", "ICP", "bool"), Column("amount", "Bookings", "money"),
                mcol("on_strategy_share"), Column("opportunities_won", "Won opps", "count"),
                Column("last_close_date", "Last close", "date")],
                [{**a, "_seg_href": self.href("segment", a.get("segment"))} for a in accounts],
                f"rep-{self.rep_slugs[rid]}-accounts", search=False,
                empty="No bookings in the last four quarters.")
            hist_rows = [{**r, "company_on_strategy_share": company_by_q.get(
                r["fiscal_quarter"].split(" ")[0], {}).get("on_strategy_share")} for r in self.history(hist)]
            hist_table = Table("rep-history", [
                Column("fiscal_quarter", "Quarter"), mcol("bookings_amount"), mcol("on_strategy_share"),
                Column("company_on_strategy_share", "Company on-strategy", "share", metric="on_strategy_share"),
                mcol("strategic_product_share"), mcol("new_logo_share"), mcol("product_balance_score"),
                mcol("icp_customer_share"), mcol("icp_time_share"), mcol("pipeline_created_amount"),
                mcol("adherence_score"), mcol("red_flags")], hist_rows, f"rep-{self.rep_slugs[rid]}-history",
                search=False, empty="No quarters with bookings, pipeline or activities.", row_class="_cls")
            self.write(f"reps/{self.rep_slugs[rid]}.md", "rep.md.j2", rep=rep, cur=cur, tiles=tiles, trend=trend,
                       mix=mix, motions=motions, lines_table=lines_table, acc_table=acc_table,
                       hist_table=hist_table, team_href=self.href("team", rep["team"]))

    def page_grain(self, grain: str) -> None:
        table, key, folder, singular, plural = GRAINS[grain]
        qi = self.asof["index"]
        rows_by = self.grain_rows[grain]
        names = sorted(self.slugs[grain], key=str)
        cur_rows = []
        for n in names:
            cur = next((r for r in rows_by.get(n, []) if r["fiscal_quarter_index"] == qi), None)
            cur_rows.append({**(cur or {}), key: n, "_href": self.href(grain, n)})
        cur_rows.sort(key=lambda r: (-(_num(r.get("bookings_amount")) or 0), str(r[key])))
        available = set(self.wh.columns.get(f"marts.{table}", []))
        wanted = ["bookings_amount", "share_of_quarter", "target_share", "share_gap", "reps_selling",
                  "accounts_won", "on_strategy_share", "icp_share", "strategic_product_share", "new_logo_share",
                  "product_balance_score", "adherence_score", "red_flag_count"]
        if grain != "team":
            wanted.remove("red_flag_count")
        metric_names = [m for m in wanted if m in available]
        if grain in ("team", "persona"):  # no target mix for these grains
            metric_names = [m for m in metric_names if m not in ("target_share", "share_gap")]
        extra_cols = []
        if grain == "segment" and "is_icp_segment" in available:
            extra_cols = [Column("is_icp_segment", "ICP", "bool")]
        if grain == "persona" and "is_target_persona" in available:
            extra_cols = [Column("is_target_persona", "Target persona", "bool")]
        if grain == "product":
            extra_cols = [Column(c, c.removeprefix("is_").capitalize(), "bool")
                          for c in ("is_strategic", "is_deprioritized") if c in available]
        cols = [Column(key, singular, link="_href"), *extra_cols] + [mcol(m) for m in metric_names]
        index_table = Table(folder, cols, cur_rows, f"{folder}-{self.asof['quarter']}")
        chart_rows = [r for r in cur_rows if (_num(r.get("bookings_amount")) or 0) > 0 or r.get("target_share")][:16]
        has_target = "target_share" in metric_names
        index_chart = charts.bar_chart(
            f"Share of {self.asof['quarter']} bookings" + (" vs target" if has_target else "")
            + (" (top 16)" if len(cur_rows) > 16 else ""),
            [str(r[key]) for r in chart_rows],
            [Series("Share of bookings", [_num(r.get("share_of_quarter")) for r in chart_rows])]
            + ([Series("Target share", [_num(r.get("target_share")) for r in chart_rows], dashed=True, color=7)]
               if has_target else []),
            self.fmt.pct, links=[_up(r["_href"]) for r in chart_rows])
        if self.shard == 0:
            self.write(f"{folder}/index.md", "group_index.md.j2", grain=grain, singular=singular, plural=plural,
                       table=index_table, chart=index_chart)
        cats = self.quarter_axis()
        company_on = self.series_for(self.company, "on_strategy_share")
        for n in self.mine(names):
            hist = rows_by.get(n, [])
            cur = next((r for r in hist if r["fiscal_quarter_index"] == qi), None)
            tile_names = [m for m in ["bookings_amount", "share_of_quarter", "target_share", "on_strategy_share",
                                      "adherence_score", "strategic_product_share", "new_logo_share",
                                      "product_balance_score", "reps_selling"] if m in metric_names][:7]
            tiles = [self.tile(cur, m) for m in tile_names]
            series = []
            if "share_of_quarter" in available:
                series.append(Series("Share of quarter", self.series_for(hist, "share_of_quarter")))
            if has_target:
                series.append(Series("Target share", self.series_for(hist, "target_share"), dashed=True, color=7))
            share_chart = charts.line_chart("Share of bookings by quarter", cats, series, self.fmt.pct) \
                if series else None
            on_chart = charts.line_chart(
                "On-strategy share by quarter", cats,
                [Series(f"This {singular.lower()}", self.series_for(hist, "on_strategy_share"), color=1),
                 Series("Company", company_on, dashed=True, color=7)], self.fmt.pct, ymax=1.0) \
                if "on_strategy_share" in available else None
            hist_table = Table(f"{grain}-history", [Column("fiscal_quarter", "Quarter"),
                                                    *[mcol(m) for m in metric_names]],
                               self.history(hist), f"{folder}-{self.slugs[grain][n]}-history", search=False,
                               row_class="_cls")
            reps_table = self.grain_reps_table(grain, n)
            accounts_table = None
            if grain == "segment":
                accounts_table = Table("segment-accounts", [
                    Column("account_name", "Account"), Column("is_icp", "ICP", "bool"),
                    Column("is_target_account", "Target account", "bool"), Column("amount", "Bookings", "money"),
                    mcol("on_strategy_share"), Column("reps", "Reps", "count"),
                    Column("opportunities_won", "Won opps", "count")],
                    self.segment_accounts.get(n, []), f"segment-{self.slugs[grain][n]}-accounts", search=False,
                    empty=f"No bookings in {self.asof['quarter']}.")
            version = self.asof["version"]
            strategy_note = self.strategy_note(grain, n, version)
            self.write(f"{folder}/{self.slugs[grain][n]}.md", "group.md.j2", grain=grain, singular=singular,
                       plural=plural, folder=folder, name=n, cur=cur, tiles=tiles, share_chart=share_chart,
                       on_chart=on_chart, hist_table=hist_table, reps_table=reps_table,
                       accounts_table=accounts_table, strategy_note=strategy_note)

    def strategy_note(self, grain: str, name: Any, version: Any) -> list[str]:
        if version is None:
            return []
        notes = []
        if grain == "product":
            pl = next((p for p in version.product_lines if p.name == name), None)
            if pl is None:
                notes.append(f"Not a product line of the {version.name}: counted as off-plan (target share 0).")
            else:
                notes.append(f"Target share in the {version.name}: {self.fmt.pct(pl.target_share)}.")
                if pl.strategic:
                    notes.append("A strategic product line.")
                if pl.deprioritized:
                    notes.append("Deprioritized: bookings in this line are off strategy.")
        if grain == "segment":
            seg = next((s for s in version.segments if s.name == name), None)
            if seg is not None:
                notes.append(("An ICP segment" if seg.icp else "Not an ICP segment")
                             + f" in the {version.name}.")
        if grain == "persona":
            notes.append(("A target persona" if name in version.target_personas else "Not a target persona")
                         + f" in the {version.name}.")
        return notes

    def grain_reps_table(self, grain: str, name: Any) -> Table:
        if grain == "team":
            rows = [r for r in self.reps if r["team"] == name]
            rows.sort(key=lambda r: (-(_num(r.get("bookings_amount")) or 0), r["rep_name"] or ""))
            return Table("team-reps", [
                Column("rep_name", "Rep", link="_href"), Column("is_active", "Active", "bool"),
                mcol("bookings_amount"), mcol("on_strategy_share"), mcol("strategic_product_share"),
                mcol("new_logo_share"), mcol("adherence_score"), mcol("red_flags")], rows,
                f"team-{self.slugs['team'][name]}-reps")
        g = {"segment": "segment", "persona": "persona", "product": "product_line"}[grain]
        rows = [{**r, "_href": self.href("rep", r["rep_id"]), "_team_href": self.href("team", r["team"])}
                for r in self.group_reps.get(g, []) if r["group_key"] == name]
        return Table(f"{grain}-reps", [
            Column("rep_name", "Rep", link="_href"), Column("team", "Team", link="_team_href"),
            Column("amount", f"Bookings {self.asof['quarter']}", "money"),
            Column("share_of_group", "Share of group", "share"), Column("accounts", "Accounts", "count"),
            mcol("on_strategy_share")], rows, f"{grain}-{self.slugs[grain][name]}-reps", search=False,
            empty=f"No bookings in {self.asof['quarter']}.")

    def page_pipeline(self) -> None:
        lists = self.pipeline or {}
        for rows in lists.values():
            for r in rows:
                r["_href"] = self.href("rep", r["rep_id"])
                r["_seg_href"] = self.href("segment", r.get("segment"))
        cols = [Column("opportunity_name", "Opportunity"), Column("account_name", "Account"),
                Column("segment", "Segment", link="_seg_href"), Column("rep_name", "Rep", link="_href"),
                Column("stage_name", "Stage"), Column("probability", "Probability", "prob"),
                Column("close_date", "Close date", "date"), Column("amount", "Amount", "money")]
        tables = {
            "cull": Table("pipeline-cull", cols, lists.get("cull", []), "pipeline-cull-list",
                          empty="No open opportunities on non-ICP accounts."),
            "late_stage": Table("pipeline-late-stage", cols, lists.get("late_stage", []), "pipeline-late-stage-icp",
                                empty="No late-stage ICP opportunities."),
            "top_value": Table("pipeline-top-value", cols, lists.get("top_value", []), "pipeline-top-value-icp",
                               empty="No open ICP opportunities."),
        }
        summary = {("icp" if r["is_icp"] else "non_icp"): r for r in self.pipeline_summary}
        self.write("pipeline.md", "pipeline.md.j2", tables=tables, summary=summary,
                   available=self.pipeline is not None,
                   late_stage_min=self.strategy.versions[-1].late_stage_min_probability)

    def page_billing(self) -> None:
        has_data = bool(self.billing_by_quarter)
        quarters = [r["fiscal_quarter"] for r in self.billing_by_quarter]
        billed = charts.bar_chart(
            "Billed revenue by quarter and account class", quarters,
            [Series("ICP", [_num(r["icp_amount"]) for r in self.billing_by_quarter], color=0),
             Series("Non-ICP", [_num(r["non_icp_amount"]) for r in self.billing_by_quarter], color=3),
             Series("Unmatched", [_num(r["unmatched_amount"]) for r in self.billing_by_quarter], color=7)],
            lambda v: self.fmt.money(v, compact=True), stacked=True) if has_data else None
        # churn and NRR charts: complete quarters only (an in-progress quarter's churn is not known yet)
        complete = [r for r in self.retention if r.get("is_complete_quarter", True)]
        rq = sorted({(r["fiscal_quarter_index"], r["fiscal_quarter"]) for r in complete})
        by = {(r["fiscal_quarter"], bool(r["is_icp"])): r for r in complete}

        def icp_lines(title: str, key: str) -> Any:
            return charts.line_chart(
                title, [q for _, q in rq],
                [Series("ICP", [_num(by.get((q, True), {}).get(key)) for _, q in rq], color=0),
                 Series("Non-ICP", [_num(by.get((q, False), {}).get(key)) for _, q in rq], color=3)],
                self.fmt.pct, note="Complete quarters only.")

        nrr = icp_lines("Net revenue retention by quarter: ICP vs non-ICP", "net_revenue_retention") if rq else None
        churn = icp_lines("Logo churn rate by quarter: ICP vs non-ICP", "logo_churn_rate") if rq else None

        ret_table = Table("retention", [
            Column("fiscal_quarter", "Quarter"), Column("account_class", "Accounts"),
            Column("customers_at_start", "Customers at start", "count"),
            Column("logos_churned", "Logos churned", "count"),
            Column("logo_churn_rate", "Logo churn rate", "share", metric="logo_churn_rate"),
            Column("mrr_at_start", "MRR at start", "money", metric="mrr"),
            Column("mrr_at_end", "MRR at end", "money", metric="mrr"),
            Column("net_revenue_retention", "Net revenue retention", "share", metric="net_revenue_retention")],
            [{**r, "account_class": "ICP" if r["is_icp"] else "Non-ICP",
              "fiscal_quarter": r["fiscal_quarter"] + ("" if r.get("is_complete_quarter", True) else " (in progress)"),
              "_cls": "" if r.get("is_complete_quarter", True) else "os-partial"}
             for r in reversed(self.retention)],
            "retention-by-icp", search=False, empty="No retention rows.", row_class="_cls")
        icp_label = {True: "ICP", False: "Non-ICP"}
        summary = Table("retention-summary", [
            Column("account_class", "Accounts"), Column("quarters", "Quarters"),
            Column("customers_at_start", "Customers at quarter start (summed)", "count"),
            Column("logos_churned", "Logos churned", "count"),
            Column("logo_churn_rate", "Logo churn rate per quarter", "share", metric="logo_churn_rate"),
            Column("net_revenue_retention", "Net revenue retention per quarter", "share",
                   metric="net_revenue_retention")],
            [{**r, "account_class": icp_label[bool(r["is_icp"])],
              "quarters": f"{r['first_quarter']} to {r['last_quarter']}"} for r in self.retention_summary],
            "retention-last-four-quarters", search=False, empty="No complete quarter yet.")
        booked_billed = charts.bar_chart(
            "Booked vs billed, all history: ICP vs non-ICP accounts",
            [icp_label[bool(r["is_icp"])] for r in self.booked_billed],
            [Series("Booked", [_num(r["booked_amount"]) for r in self.booked_billed], color=1),
             Series("Billed", [_num(r["billed_amount"]) for r in self.booked_billed], color=2)],
            lambda v: self.fmt.money(v, compact=True)) if self.booked_billed else None
        booked_billed_table = Table("booked-billed", [
            Column("account_class", "Accounts"), Column("accounts", "Accounts (count)", "count"),
            Column("booked_amount", "Booked", "money", metric="bookings_amount"),
            Column("billed_amount", "Billed", "money", metric="billed_amount"),
            Column("billed_to_booked_ratio", "Billed per booked", "score1", metric="billed_to_booked_ratio"),
            Column("current_mrr", "MRR now", "money", metric="mrr")],
            [{**r, "account_class": icp_label[bool(r["is_icp"])]} for r in self.booked_billed],
            "booked-vs-billed-icp", search=False, empty="No bookings or billing.")
        segment_table = Table("booked-billed-segments", [
            Column("segment", "Segment", link="_href"), Column("is_icp_segment", "ICP segment", "bool"),
            Column("through_quarter", "Through"),
            Column("booked_amount", "Booked", "money", metric="bookings_amount"),
            Column("billed_amount", "Billed", "money", metric="billed_amount"),
            Column("billed_to_booked_ratio", "Billed per booked", "score1", metric="billed_to_booked_ratio")],
            [{**r, "_href": self.href("segment", r["segment"])} for r in self.booked_billed_segments],
            "booked-vs-billed-by-segment", search=False, empty="No bookings or billing.")
        line_table = Table("billing-by-line", [Column("fiscal_quarter", "Quarter"),
                                               Column("product_line", "Product line", link="_href"),
                                               Column("account_class", "Accounts"),
                                               Column("amount", "Billed", "money", metric="billed_amount"),
                                               Column("invoice_lines", "Invoice lines", "count")],
                           [{**r, "_href": self.href("product", r["product_line"])}
                            for r in reversed(self.billing_by_line)], "billing-by-product-line")
        match_table = Table("billing-match", [Column("match_method", "Match method"),
                                              Column("customers", "Customers", "count"),
                                              Column("invoice_lines", "Invoice lines", "count"),
                                              Column("amount", "Billed", "money", metric="billed_amount")],
                            self.billing_match, "billing-match-methods", search=False)
        unmatched = Table("billing-unmatched", [Column("customer_id", "Stripe customer"),
                                                Column("email_domain", "Email domain"),
                                                Column("unmatched_reason", "Why unmatched"),
                                                Column("billed_amount", "Billed", "money", metric="billed_amount"),
                                                Column("invoice_lines", "Invoice lines", "count")],
                          self.unmatched, "billing-unmatched-customers", empty="Every billing customer is matched.")
        self.write("billing.md", "billing.md.j2", has_data=has_data, billed=billed, nrr=nrr, churn=churn,
                   summary=summary, has_summary=bool(self.retention_summary), booked_billed=booked_billed,
                   booked_billed_table=booked_billed_table, segment_table=segment_table,
                   ret_table=ret_table, line_table=line_table, match_table=match_table, unmatched=unmatched,
                   unmatched_count=self.unmatched_count)

    def page_data_quality(self) -> None:
        fresh = Table("freshness", [Column("mart", "Mart"), Column("date_column", "Date column"),
                                    Column("latest", "Latest date", "date"), Column("row_count", "Rows", "count")],
                      self.freshness, "freshness", search=False)
        counts = Table("row-counts", [Column("table_schema", "Schema"), Column("table_name", "Table"),
                                      Column("row_count", "Rows", "count")], self.row_counts, "row-counts")
        quarantine = Table("quarantine", [Column("table_name", "Quarantine table"), Column("reason", "Reason"),
                                          Column("records", "Records", "count")], self.quarantine,
                           "quarantine-by-reason", empty="No quarantined records.")
        impact_rows = [{**r, "cause": cause_text(r)} for r in self.quarantine_impact]
        impact = Table("held-out", [Column("fiscal_quarter", "Quarter"), Column("cause", "What is held out and why"),
                                    Column("won_amount", "Won amount", "money"),
                                    Column("pipeline_amount", "Open pipeline", "money"),
                                    Column("approximate_records", "At a nearby rate", "count"),
                                    Column("amount_unknown_records", "Amount unknown", "count")],
                       impact_rows, "quarantine-impact", empty="The quarantine holds out no won or open business.")
        audits = []
        for name, (cols, rows) in sorted(self.audit_tables.items()):
            audits.append((name, Table(f"audit-{slugify(name)}", [
                Column(c, c.replace("_", " "), "number" if rows and isinstance(rows[0].get(c), int | float)
                       and not isinstance(rows[0].get(c), bool) else "text") for c in cols],
                rows, f"audit-{slugify(name)}")))
        self.write("data-quality.md", "data_quality.md.j2", fresh=fresh, counts=counts, quarantine=quarantine,
                   impact=impact, warn_share=quarantine_warn_share(),
                   block_share=None if math.isinf(quarantine_block_share()) else quarantine_block_share(),
                   audits=audits, has_quarantine=bool(self.wh.tables("quarantine")),
                   unmatched_count=self.unmatched_count)

    def page_definitions(self) -> None:
        from onstrategy_site.metrics import METRIC_SET
        extra = [n for n in self.defs if n not in METRIC_SET]
        self.write("definitions.md", "definitions.md.j2", names=METRIC_SET, extra=extra, note=self.defs_note)


SLOT = re.compile(r"<!--os-slot:(\d+)-->")


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
        return _strip_svg_namespace(output_content)


def write_search_script(site_dir: Path) -> None:
    """From file:// Material loads the search index as a script (search/search_index.js), as its offline plugin
    would write it; that plugin also adds a polyfill from a CDN, so the script is written here (after the shards'
    indexes were merged)."""
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        (index.parent / "search_index.js").write_text(
            "var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")


def _strip_svg_namespace(html: str) -> str:
    """Inline SVG in HTML needs no xmlns; without it the pages hold no URL of another host at all."""
    return html.replace(' xmlns="http://www.w3.org/2000/svg"', "")


def _mkdocs_config(workspace: Path, docs: Path, out_dir: Path) -> Path:
    if BASE_CONFIG.is_file():
        base = yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8")) or {}
    else:  # installed without the source tree: the essentials
        base = {"site_name": "onstrategy", "use_directory_urls": False,
                "theme": {"name": "material", "font": False}, "plugins": ["search"]}
    base["docs_dir"] = str(docs)
    base["site_dir"] = str(out_dir)
    base["nav"] = [{label: path} for label, path in NAV]
    base.setdefault("extra_css", ["assets/onstrategy.css"])
    base.setdefault("extra_javascript", ["assets/onstrategy.js"])
    cfg = workspace / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(base, sort_keys=False), encoding="utf-8")
    return cfg


def render_and_build(builder: SiteBuilder, out_dir: Path) -> float:
    """Render this shard's pages into `builder.docs`, then `mkdocs build` them into `out_dir`. Returns the time the
    rendering ended (perf_counter)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    docs = builder.docs
    docs.mkdir(parents=True)
    builder.build_pages()
    shutil.copytree(PACKAGE_DIR / "assets", docs / "assets")
    t_render = time.perf_counter()
    cfg_path = _mkdocs_config(docs.parent, docs, out_dir)
    log = logging.getLogger("mkdocs")
    old_level = log.level
    log.setLevel(logging.WARNING)
    try:
        cfg = load_config(config_file=str(cfg_path))
        cfg.plugins["onstrategy-site"] = _SitePlugin(builder.fragments)
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


def _build_shard(builder: SiteBuilder, shard: int, folder: Path) -> list[str]:
    """In a forked child: build shard `shard` into `folder/site`; return its entity pages."""
    builder.shard, builder.docs = shard, folder / "docs"
    builder.pages, builder.fragments = [], {}
    render_and_build(builder, folder / "site")
    return builder.pages


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
    with tempfile.TemporaryDirectory(prefix="onstrategy-site-") as tmp:
        workspace = Path(tmp)
        wh = Warehouse(warehouse)
        try:
            builder = SiteBuilder(wh, strategy, strategy_file, dbt_manifest, workspace / "docs")
            builder.collect()
        finally:
            wh.close()
        # the other shards fork before the caller starts threads (after_queries): a fork copies only this thread
        builder.shards = shard_count(builder.entity_page_count())
        others: list[ForkedShard] = []
        try:
            for i in range(1, builder.shards):  # inside the try: a failed fork still stops the children before it
                others.append(fork_shard(i, workspace / f"shard-{i}", partial(_build_shard, builder, i)))
            if after_queries is not None:
                after_queries()
            t_query = time.perf_counter()
            t_render = render_and_build(builder, out_dir)
            for shard in others:
                pages = shard.wait()
                merge_shard(out_dir, shard.site, pages)
                builder.pages.extend(pages)
        finally:
            for shard in others:
                shard.stop()
        write_search_script(out_dir)
    t_end = time.perf_counter()
    counts: dict[str, int] = defaultdict(int)
    for p in builder.pages:
        counts[p.split("/", 1)[0] if "/" in p else "top"] += 1
    return {
        "pages": len(builder.pages),
        "seconds": round(t_end - t0, 2),
        "query_seconds": round(t_query - t0, 2),
        "render_seconds": round(t_render - t_query, 2),
        "mkdocs_seconds": round(t_end - t_render, 2),
        "queries": wh.queries_run,
        "as_of_quarter": builder.asof["quarter"],
        "rep_pages": counts.get("reps", 0) - 1,
        "team_pages": counts.get("teams", 0) - 1,
        "segment_pages": counts.get("segments", 0) - 1,
        "persona_pages": counts.get("personas", 0) - 1,
        "product_line_pages": counts.get("products", 0) - 1,
        "out_dir": str(out_dir),
    }
