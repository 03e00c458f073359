"""What `make bench` writes: the results table (bench/results.md, .csv, .json) and docs/benchmarks.md with a chart.

Pure formatting: the measurements come from `bench.run`.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import os
import platform
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

SITE_BUDGET_SECONDS = 60.0
# The targets of the performance issue, checked in docs/benchmarks.md.
TARGET_FLOOR_RATIO = 2.0
TARGET_PEAK_RSS_MIB = 4 * 1024
TARGET_INCREMENTAL_SHARE = 0.15


@dataclass(frozen=True)
class ScaleResult:
    """One scale's measurements (seconds are wall-clock, memory in MiB)."""

    scale: float
    input_rows: int
    landing_mib: float
    demo_s: float
    ingest_s: float
    dbt_s: float
    dbt_build_s: float
    site_s: float
    total_s: float
    peak_rss_mib: float
    rusage_lower_bound_mib: float
    load_1m: float
    floor_s: float
    floor_rows: int
    floor_differences: int = 0
    batch_rows: int = 0
    incremental_s: float = 0.0
    incremental_peak_rss_mib: float = 0.0
    incremental_plan: str = ""

    @property
    def other_s(self) -> float:
        """Total minus the three stages: interpreter start, imports, input checks, Dagster's own work."""
        return max(0.0, self.total_s - self.ingest_s - self.dbt_s - self.site_s)

    @property
    def rows_per_s(self) -> float:
        return rows_per_second(self.input_rows, self.total_s)

    @property
    def floor_ratio(self) -> float:
        return ratio_to_floor(self.total_s, self.floor_s)

    @property
    def incremental_share(self) -> float:
        """Incremental run time as a share of the full run's (0 when either was not measured)."""
        return self.incremental_s / self.total_s if self.total_s > 0 and self.incremental_s > 0 else 0.0


@dataclass(frozen=True)
class SiteResult:
    """The site built alone from a synthetic marts warehouse."""

    reps: int
    rep_pages: int
    pages: int
    seconds: float
    query_s: float
    render_s: float
    mkdocs_s: float
    peak_rss_mib: float

    @property
    def within_budget(self) -> bool:
        return self.seconds < SITE_BUDGET_SECONDS


def rows_per_second(rows: int, seconds: float) -> float:
    """Input rows per second of total pipeline time (0 when no time was measured)."""
    return rows / seconds if seconds > 0 else 0.0


def ratio_to_floor(total_s: float, floor_s: float) -> float:
    """How many times the bare-DuckDB floor the pipeline takes (0 when the floor is 0)."""
    return total_s / floor_s if floor_s > 0 else 0.0


def growth_exponent(small: float, large: float, small_value: float, large_value: float) -> float | None:
    """k in value ~ scale^k between two scales (1 = linear); None when it cannot be computed."""
    if small <= 0 or large <= small or small_value <= 0 or large_value <= 0:
        return None
    return math.log(large_value / small_value) / math.log(large / small)


# --- the results table -------------------------------------------------------------------------------------------

COLUMNS = ["scale", "input rows", "demo s", "ingest s", "dbt s", "site s", "other s", "total s", "peak RSS MiB",
           "rows/s", "floor s", "x floor", "incr. s", "incr. %"]


def _secs(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def table_row(r: ScaleResult) -> list[str]:
    """One result as the Markdown table's cells."""
    incremental = [_secs(r.incremental_s), f"{100 * r.incremental_share:.0f}%"] if r.incremental_s else ["-", "-"]
    return [f"{r.scale:g}", f"{r.input_rows:,}", _secs(r.demo_s), _secs(r.ingest_s), _secs(r.dbt_s), _secs(r.site_s),
            _secs(r.other_s), _secs(r.total_s), f"{r.peak_rss_mib:,.0f}", f"{r.rows_per_s:,.0f}", _secs(r.floor_s),
            f"{r.floor_ratio:,.1f}x", *incremental]


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table; every column but the first is right-aligned."""
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(["---", *["---:"] * (len(header) - 1)]) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def results_table(results: Iterable[ScaleResult]) -> str:
    return markdown_table(COLUMNS, (table_row(r) for r in results))


def site_line(site: SiteResult) -> str:
    verdict = "within" if site.within_budget else "OVER"
    return (f"Site alone, {site.reps:,} synthetic reps: {site.pages:,} pages ({site.rep_pages:,} rep pages) in "
            f"{site.seconds:.1f} s (queries {site.query_s:.1f} s, Markdown {site.render_s:.1f} s, mkdocs "
            f"{site.mkdocs_s:.1f} s), peak RSS {site.peak_rss_mib:,.0f} MiB: {verdict} the "
            f"{SITE_BUDGET_SECONDS:.0f} s budget.")


def machine_facts() -> dict[str, str]:
    """Cores, memory, OS and the versions that matter for the timings."""
    facts = {"date": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "cpus": str(os.cpu_count()),
             "os": f"{platform.system()} {platform.machine()}", "python": platform.python_version()}
    with contextlib.suppress(Exception):
        import psutil

        facts["memory"] = f"{psutil.virtual_memory().total / 2**30:.0f} GiB"
    for package in ("duckdb", "dbt-core", "dbt-duckdb", "dagster", "dagster-dbt", "mkdocs"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            facts[package] = metadata.version(package)
    return facts


def machine_line(facts: dict[str, str] | None = None) -> str:
    facts = facts or machine_facts()
    versions = ", ".join(f"{name} {facts[name]}" for name in ("duckdb", "dbt-core", "dagster") if name in facts)
    return (f"{facts['date']}, {facts['cpus']} CPUs, {facts.get('memory', '? GiB')} RAM, {facts['os']}, "
            f"Python {facts['python']}, {versions}")


def write_csv(path: Path, results: Sequence[ScaleResult]) -> None:
    names = [f.name for f in fields(ScaleResult)]
    derived = ["other_s", "rows_per_s", "floor_ratio", "incremental_share"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*names, *derived])
        for r in results:
            row = asdict(r)
            writer.writerow([row[n] for n in names] + [round(getattr(r, d), 3) for d in derived])


def write_json(path: Path, results: Sequence[ScaleResult], site: SiteResult | None,
               slow_nodes: list[tuple[str, float]], facts: dict[str, str]) -> None:
    """Everything measured, machine-readable."""
    payload = {
        "machine": facts,
        "scales": [{**asdict(r), "other_s": r.other_s, "rows_per_s": r.rows_per_s, "floor_ratio": r.floor_ratio,
                    "incremental_share": r.incremental_share} for r in results],
        "site_only": {**asdict(site), "within_budget": site.within_budget} if site else None,
        "slowest_dbt_nodes": [{"node": n, "seconds": s} for n, s in slow_nodes],
    }
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


def report(results: Sequence[ScaleResult], site: SiteResult | None, slow_nodes: list[tuple[str, float]],
           facts: dict[str, str] | None = None) -> str:
    """The Markdown of bench/results.md (also printed)."""
    parts = ["# onstrategy benchmark", "", machine_line(facts), "", results_table(results), ""]
    if results:
        loads = ", ".join(f"{r.load_1m:.1f} (scale {r.scale:g})" for r in results)
        parts += [f"1-minute load average just before each run: {loads}; other work on the machine inflates "
                  "every timing.", ""]
    if site:
        parts += [site_line(site), ""]
    if slow_nodes:
        parts += ["Slowest dbt nodes at the largest scale:", "",
                  markdown_table(["dbt node", "s"], [(n, f"{s:.2f}") for n, s in slow_nodes]), ""]
    parts += ["Columns, the floor and how memory is measured: docs/bench.md."]
    return "\n".join(parts) + "\n"


# --- docs/benchmarks.md --------------------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def targets_table(results: Sequence[ScaleResult], site: SiteResult | None) -> str:
    """Each target of the performance issue with what was measured."""
    rows: list[list[str]] = []
    if results:
        largest = max(results, key=lambda r: r.scale)
        rows.append([f"full run at scale {largest.scale:g} within {TARGET_FLOOR_RATIO:g}x the floor",
                     f"{largest.floor_ratio:.1f}x ({_secs(largest.total_s)} s vs {_secs(largest.floor_s)} s)",
                     _verdict(largest.floor_ratio <= TARGET_FLOOR_RATIO)])
        peak = max(max(r.peak_rss_mib, r.incremental_peak_rss_mib) for r in results)
        rows.append([f"peak RSS at most {TARGET_PEAK_RSS_MIB / 1024:g} GiB at every scale", f"{peak:,.0f} MiB",
                     _verdict(peak <= TARGET_PEAK_RSS_MIB)])
        measured = [r for r in results if r.incremental_s > 0]
        if measured:
            worst = max(measured, key=lambda r: r.incremental_share)
            rows.append([f"incremental run after a 1% batch at most {100 * TARGET_INCREMENTAL_SHARE:.0f}% of the "
                         "full run", f"{100 * worst.incremental_share:.0f}% at worst (scale {worst.scale:g})",
                         _verdict(worst.incremental_share <= TARGET_INCREMENTAL_SHARE)])
        hundred = [r for r in results if r.scale >= 100]
        if hundred:
            rows.append(["demo generator writes scale 100 in under 2 minutes", f"{_secs(hundred[0].demo_s)} s",
                         _verdict(hundred[0].demo_s < 120)])
    if site:
        rows.append([f"site builds {site.reps:,} rep pages in under a minute", f"{site.seconds:.1f} s",
                     _verdict(site.within_budget)])
    return markdown_table(["target", "measured", "verdict"], rows)


def scaling_lines(results: Sequence[ScaleResult]) -> list[str]:
    """How time and memory grow between the smallest and the largest scale."""
    ordered = sorted(results, key=lambda r: r.scale)
    if len(ordered) < 2:
        return []
    small, large = ordered[0], ordered[-1]
    lines = []
    for label, a, b in (("total time", small.total_s, large.total_s), ("dbt build", small.dbt_s, large.dbt_s),
                        ("floor", small.floor_s, large.floor_s),
                        ("peak RSS", small.peak_rss_mib, large.peak_rss_mib)):
        k = growth_exponent(small.scale, large.scale, a, b)
        if k is not None:
            lines.append(f"- {label}: x{b / a:,.1f} from scale {small.scale:g} to {large.scale:g} "
                         f"(x{large.scale / small.scale:g} data): grows as scale^{k:.2f}")
    return lines


def spark_advice(results: Sequence[ScaleResult], window_s: float = 3600.0) -> list[str]:
    """When to move to the Spark target, extrapolated from the two largest measured scales."""
    ordered = sorted(results, key=lambda r: r.scale)
    if len(ordered) < 2:
        return []
    mid, large = ordered[-2], ordered[-1]
    k = growth_exponent(mid.input_rows, large.input_rows, mid.total_s, large.total_s)
    if k is None or k <= 0:
        return []
    rows_in_window = large.input_rows * (window_s / large.total_s) ** (1 / k)
    return [f"Between the two largest scales a full run grows as rows^{k:.2f}. At that rate a full refresh on this "
            f"machine (2 cores) stays under {window_s / 60:.0f} minutes up to about {rows_in_window / 1e6:,.0f} "
            "million input rows. Beyond that, or when the warehouse no longer fits the disk or peak memory nears "
            "the machine's, move the dbt build to the Spark target (docs/scale-out.md), keeping incremental "
            "activity batches for the daily runs in between."]


def time_chart_svg(results: Sequence[ScaleResult], width: int = 640, height: int = 360) -> str:
    """Time vs scale on log-log axes: the pipeline's full run, its incremental run and the floor."""
    ordered = sorted((r for r in results if r.total_s > 0), key=lambda r: r.scale)
    series = [("full run", "#2563eb", [(r.scale, r.total_s) for r in ordered]),
              ("incremental run (1% activity batch)", "#16a34a",
               [(r.scale, r.incremental_s) for r in ordered if r.incremental_s > 0]),
              ("bare-DuckDB floor", "#9ca3af", [(r.scale, r.floor_s) for r in ordered if r.floor_s > 0])]
    points = [p for _, _, pts in series for p in pts]
    left, right, top, bottom = 64, 24, 24, 56
    if not points:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"></svg>\n'
    x_lo, x_hi = math.floor(math.log10(min(p[0] for p in points))), math.ceil(math.log10(max(p[0] for p in points)))
    y_lo, y_hi = math.floor(math.log10(min(p[1] for p in points))), math.ceil(math.log10(max(p[1] for p in points)))
    x_hi, y_hi = max(x_hi, x_lo + 1), max(y_hi, y_lo + 1)

    def x(scale: float) -> float:
        return left + (math.log10(scale) - x_lo) / (x_hi - x_lo) * (width - left - right)

    def y(seconds: float) -> float:
        return height - bottom - (math.log10(seconds) - y_lo) / (y_hi - y_lo) * (height - top - bottom)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
           f'font-size="12" role="img" aria-label="Pipeline time vs data scale">',
           f'<rect width="{width}" height="{height}" fill="white"/>']
    for exp in range(x_lo, x_hi + 1):
        out.append(f'<line x1="{x(10**exp):.1f}" y1="{top}" x2="{x(10**exp):.1f}" y2="{height - bottom}" '
                   'stroke="#e5e7eb"/>')
        out.append(f'<text x="{x(10**exp):.1f}" y="{height - bottom + 18}" text-anchor="middle">{10**exp:g}</text>')
    for exp in range(y_lo, y_hi + 1):
        out.append(f'<line x1="{left}" y1="{y(10**exp):.1f}" x2="{width - right}" y2="{y(10**exp):.1f}" '
                   'stroke="#e5e7eb"/>')
        out.append(f'<text x="{left - 8}" y="{y(10**exp) + 4:.1f}" text-anchor="end">{10**exp:g} s</text>')
    out.append(f'<text x="{(left + width - right) / 2:.0f}" y="{height - 14}" text-anchor="middle">demo scale '
               '(1 = 270k input rows), log scale</text>')
    for i, (label, colour, pts) in enumerate(series):
        if not pts:
            continue
        path = " ".join(f"{'M' if j == 0 else 'L'}{x(s):.1f},{y(t):.1f}" for j, (s, t) in enumerate(pts))
        out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        out += [f'<circle cx="{x(s):.1f}" cy="{y(t):.1f}" r="3.5" fill="{colour}"/>' for s, t in pts]
        out.append(f'<rect x="{left + 12}" y="{top + 6 + 18 * i}" width="12" height="3" fill="{colour}"/>')
        out.append(f'<text x="{left + 30}" y="{top + 12 + 18 * i}">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def benchmarks_markdown(results: Sequence[ScaleResult], site: SiteResult | None,
                        slow_nodes: list[tuple[str, float]], facts: dict[str, str], chart: str) -> str:
    """docs/benchmarks.md: machine, table, chart, targets, scaling; written by `make bench`."""
    parts = ["# Benchmarks", "",
             "Written by `make bench` (`python -m bench.run`); how each number is measured: "
             "[bench.md](bench.md). Raw numbers: `bench/results.json` and `bench/results.csv`.", "",
             "## Machine", "",
             markdown_table(["fact", "value"], [[k, v] for k, v in facts.items()]), "",
             "## Results", "", results_table(results), "",
             f"![Time vs scale]({chart})", ""]
    if results:
        loads = ", ".join(f"{r.load_1m:.1f} (scale {r.scale:g})" for r in results)
        parts += [f"1-minute load average just before each run: {loads}.", ""]
        plans = [f"- scale {r.scale:g}: {r.batch_rows:,} activity records; `{r.incremental_plan}`"
                 for r in results if r.incremental_s > 0]
        if plans:
            parts += ["Incremental run: after the full run, a batch of 1% of the tasks and events (half updates, "
                      "half new records: `onstrategy.demo.batches`) lands as `Task/0002.csv` and `Event/0002.csv`, "
                      "and the pipeline runs again on the same warehouse. Its dbt plan:", "", *plans, ""]
        checks = [f"scale {r.scale:g}: {'same' if r.floor_differences == 0 else f'{r.floor_differences} differ'}"
                  for r in results]
        parts += ["The floor computes the same numbers as the pipeline (bookings and on-strategy share of every "
                  "rep and quarter compared with `marts.fct_strategy_adherence_by_rep`): " + "; ".join(checks) + ".",
                  ""]
    parts += ["## Targets", "", targets_table(results, site), ""]
    scaling = scaling_lines(results)
    if scaling:
        parts += ["## Scaling", "", *scaling, "", *spark_advice(results), ""]
    if site:
        parts += [site_line(site), ""]
    if slow_nodes:
        parts += ["## Slowest dbt nodes at the largest scale", "",
                  markdown_table(["dbt node", "s"], [(n, f"{s:.2f}") for n, s in slow_nodes]), ""]
    return "\n".join(parts) + "\n"
