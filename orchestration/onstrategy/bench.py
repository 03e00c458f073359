"""`make bench`: time the whole pipeline at several demo scales and compare it with a bare-DuckDB floor.

    python -m onstrategy.bench [--scales 0.1 1 5] [--out bench/] [--site-reps 1000] [--work-dir DIR] [--keep]

Scales come from `--scales`, else from the environment variable `BENCH_SCALES` ("0.1,1,5"), else 0.1, 1, 5.
For each scale, in a fresh temporary folder:

1. the demo landing zone is generated in this process (`generate_landing_zone`, timed);
2. the pipeline runs in a child process exactly as `onstrategy run` does (`onstrategy.cli.main(["run", ...])`);
   its wall time is the total, its Dagster step durations give the ingest, dbt and site stages, and a sampler
   sums the RSS of the child and all its descendants (the dbt subprocess) every 50 ms for the peak memory;
3. the floor: one bare DuckDB connection reads every landing file into a table and computes the bookings total
   (won opportunities joined to their line items, summed per currency).

Then the site alone is built for 1,000 synthetic reps (`onstrategy_site.synthetic`) in a child process and checked
against the one-minute budget. The results go to `<out>/results.md` and `<out>/results.csv` and to stdout as a
Markdown table; docs/bench.md explains every column.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from onstrategy.paths import DEFAULT_STRATEGY_FILE, PROJECT_ROOT

DEFAULT_SCALES = (0.1, 1.0, 5.0)
ENV_SCALES = "BENCH_SCALES"
DEFAULT_OUT = PROJECT_ROOT / "bench"
DEFAULT_SEED = 42
DEFAULT_SITE_REPS = 1000
SITE_BUDGET_SECONDS = 60.0
SAMPLE_INTERVAL_SECONDS = 0.05
PIPELINE_WORKER = "_pipeline-worker"
SITE_WORKER = "_site-worker"
# Dagster step keys of the two single-step stages; every other step (one per landing object, plus the strategy
# tables) is ingest.
DBT_STEP = "dbt_models"
SITE_STEP = "site"


# --- results ---------------------------------------------------------------------------------------------------


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


def stage_seconds(step_seconds: dict[str, float]) -> dict[str, float]:
    """Sum Dagster step durations into the ingest, dbt and site stages."""
    stages = {"ingest": 0.0, "dbt": 0.0, "site": 0.0}
    for step, seconds in step_seconds.items():
        stage = "dbt" if step == DBT_STEP else "site" if step == SITE_STEP else "ingest"
        stages[stage] += seconds
    return stages


# --- formatting ------------------------------------------------------------------------------------------------

COLUMNS = ["scale", "input rows", "demo s", "ingest s", "dbt s", "site s", "other s", "total s", "peak RSS MiB",
           "rows/s", "floor s", "x floor"]


def _secs(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def table_row(r: ScaleResult) -> list[str]:
    """One result as the Markdown table's cells."""
    return [f"{r.scale:g}", f"{r.input_rows:,}", _secs(r.demo_s), _secs(r.ingest_s), _secs(r.dbt_s), _secs(r.site_s),
            _secs(r.other_s), _secs(r.total_s), f"{r.peak_rss_mib:,.0f}", f"{r.rows_per_s:,.0f}", _secs(r.floor_s),
            f"{r.floor_ratio:,.0f}x"]


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


def machine_line() -> str:
    import duckdb

    memory = ""
    with contextlib.suppress(Exception):
        import psutil

        memory = f", {psutil.virtual_memory().total / 2**30:.0f} GiB RAM"
    return (f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs{memory}, {platform.system()} "
            f"{platform.machine()}, Python {platform.python_version()}, DuckDB {duckdb.__version__}")


def write_csv(path: Path, results: Sequence[ScaleResult]) -> None:
    names = [f.name for f in fields(ScaleResult)]
    derived = ["other_s", "rows_per_s", "floor_ratio"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*names, *derived])
        for r in results:
            row = asdict(r)
            writer.writerow([row[n] for n in names] + [round(getattr(r, d), 3) for d in derived])


def report(results: Sequence[ScaleResult], site: SiteResult | None, slow_nodes: list[tuple[str, float]]) -> str:
    """The Markdown of results.md (also printed)."""
    parts = ["# onstrategy benchmark", "", machine_line(), "", results_table(results), ""]
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


# --- arguments -------------------------------------------------------------------------------------------------


def parse_scales(text: str) -> list[float]:
    """'0.1, 1,5' -> [0.1, 1.0, 5.0]; every scale must be > 0."""
    scales = [float(part) for part in text.replace(" ", ",").split(",") if part.strip()]
    if not scales or any(s <= 0 for s in scales):
        raise ValueError(f"scales must be positive numbers, got {text!r}")
    return scales


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m onstrategy.bench",
                                     description="Benchmark the pipeline at several demo scales.")
    parser.add_argument("--scales", nargs="+", default=None, metavar="SCALE",
                        help=f"demo scales, e.g. --scales 0.1 1 5 or --scales 0.1,1,5 (default: ${ENV_SCALES}, "
                        "else 0.1 1 5)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where results.md and results.csv go")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="demo seed (default 42)")
    parser.add_argument("--site-reps", type=int, default=DEFAULT_SITE_REPS,
                        help="reps of the synthetic site-only build; 0 skips it (default 1000)")
    parser.add_argument("--work-dir", type=Path, default=None,
                        help="scratch folder (default: a new temporary folder, removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    return parser


def parse_args(argv: Sequence[str] | None = None, environ: dict[str, str] | None = None) -> argparse.Namespace:
    """Arguments, with the scales resolved: --scales, else $BENCH_SCALES, else the defaults."""
    parser = build_parser()
    args = parser.parse_args(argv)
    environ = os.environ if environ is None else environ
    source, text = ("--scales", ",".join(args.scales)) if args.scales else (ENV_SCALES, environ.get(ENV_SCALES, ""))
    try:
        args.scales = parse_scales(text) if text.strip() else list(DEFAULT_SCALES)
    except ValueError as exc:
        parser.error(f"{source}: {exc}")
    return args


# --- measurements ----------------------------------------------------------------------------------------------


class TreeMemorySampler:
    """Samples the summed RSS of a process and all its descendants on a background thread; keeps the peak."""

    def __init__(self, pid: int, interval: float = SAMPLE_INTERVAL_SECONDS) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_bytes = 0
        self.descendants: dict[int, Any] = {}  # every descendant seen (psutil.Process), to wait for at the end
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def wait_for_descendants(self, timeout: float = 60.0) -> None:
        """Wait until every descendant seen has exited (a failed run can leave dbt finishing its artifacts)."""
        import psutil

        psutil.wait_procs(list(self.descendants.values()), timeout=timeout)

    def _run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop.is_set():
            total = 0
            try:
                processes = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            self.descendants.update((p.pid, p) for p in processes[1:])
            for proc in processes:
                with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                    total += proc.memory_info().rss
            self.peak_bytes = max(self.peak_bytes, total)
            self._stop.wait(self.interval)


def _run_child(argv: list[str], log: Path) -> tuple[float, float]:
    """Run `python -m onstrategy.bench <argv>` with output to `log`; return (wall seconds, peak tree RSS MiB)."""
    with log.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "onstrategy.bench", *argv], stdout=out,
                                stderr=subprocess.STDOUT)
        with TreeMemorySampler(proc.pid) as sampler:
            code = proc.wait()
        seconds = time.perf_counter() - started
        sampler.wait_for_descendants()
    if code != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-20:])
        raise RuntimeError(f"{' '.join(argv[:1])} failed with exit code {code} (log: {log}):\n{tail}")
    return seconds, sampler.peak_bytes / 2**20


def landing_files(landing: Path) -> dict[str, tuple[str, list[Path]]]:
    """Landing objects -> (kind, files): `<source>/<Object>.<ext>` plus any `<source>/<Object>/*.<ext>` batches."""
    objects: dict[str, tuple[str, list[Path]]] = {}
    for path in sorted(landing.rglob("*")):
        if path.suffix not in (".csv", ".jsonl") or not path.is_file():
            continue
        rel = path.relative_to(landing)
        name = rel.parts[1] if len(rel.parts) > 2 else path.stem
        key = f"{rel.parts[0]}_{name}".lower()
        objects.setdefault(key, (path.suffix, []))[1].append(path)
    return objects


def _sql_list(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


FLOOR_QUERY = """
    select o.CurrencyIsoCode as currency, sum(li.TotalPrice) as bookings, count(*) as line_items
    from salesforce_opportunitylineitem li
    join salesforce_opportunity o on o.Id = li.OpportunityId
    where o.IsWon and not o.IsDeleted and not li.IsDeleted
    group by all
"""


def measure_floor(landing: Path, database: Path) -> tuple[float, int, list[tuple[Any, ...]]]:
    """Bare DuckDB: one connection to a new database file, every landing file read into a table with DuckDB's
    auto-detection (`read_csv` / `read_json`), then the bookings total. Returns (seconds, rows loaded, totals)."""
    import duckdb

    objects = landing_files(landing)
    started = time.perf_counter()
    con = duckdb.connect(str(database))
    try:
        for table, (suffix, paths) in objects.items():
            reader = (f"read_csv({_sql_list(paths)}, header = true, union_by_name = true)" if suffix == ".csv"
                      else f"read_json({_sql_list(paths)}, format = 'newline_delimited', union_by_name = true)")
            con.execute(f'create table "{table}" as select * from {reader}')
        totals = con.execute(FLOOR_QUERY).fetchall()
        seconds = time.perf_counter() - started
        rows = sum(con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in objects)
    finally:
        con.close()
    return seconds, rows, totals


def _tree_size_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def dbt_run_results(run_results: Path, n: int = 5) -> tuple[float, list[tuple[str, float]]]:
    """dbt's own elapsed time for `dbt build` (after its start-up and parse) and the `n` slowest nodes."""
    if not run_results.exists():
        return 0.0, []
    data = json.loads(run_results.read_text(encoding="utf-8"))
    timed = [(dbt_node_label(r["unique_id"]), float(r.get("execution_time") or 0)) for r in data.get("results", [])]
    return float(data.get("elapsed_time") or 0), sorted(timed, key=lambda x: -x[1])[:n]


def dbt_node_label(unique_id: str) -> str:
    """'model.onstrategy.fct_bookings' -> 'model fct_bookings' (test ids keep their name, not their hash)."""
    parts = unique_id.split(".")
    return f"{parts[0]} {parts[2]}" if len(parts) >= 3 else unique_id


def bench_scale(scale: float, seed: int, work: Path) -> tuple[ScaleResult, list[tuple[str, float]]]:
    """Generate, run and floor one scale inside `work` (created, left for the caller to remove)."""
    from onstrategy.dbt_manifest import ensure_manifest
    from onstrategy.demo import generate_landing_zone

    # a stale manifest would make the run's import start with `dbt parse`: pay that here, outside the timings
    ensure_manifest()
    work.mkdir(parents=True, exist_ok=True)
    landing = work / "landing"
    started = time.perf_counter()
    counts = generate_landing_zone(landing, scale=scale, seed=seed)
    demo_s = time.perf_counter() - started

    warehouse, timings = work / "warehouse.duckdb", work / "steps.json"
    load_1m = os.getloadavg()[0]  # other work on the machine skews the timings: recorded with the results
    if load_1m > (os.cpu_count() or 1) / 2:
        print(f"bench: warning: load average {load_1m:.1f} on {os.cpu_count()} CPUs, timings will be inflated",
              file=sys.stderr, flush=True)
    total_s, peak_mib = _run_child([PIPELINE_WORKER, str(landing), str(DEFAULT_STRATEGY_FILE), str(warehouse),
                                    str(work / "site"), str(timings)], work / "pipeline.log")
    worker = json.loads(timings.read_text(encoding="utf-8"))
    stages = stage_seconds(worker["steps"])
    dbt_build_s, slow = dbt_run_results(warehouse.with_name(warehouse.name + ".work.dbt") / "target"
                                        / "run_results.json")

    floor_s, floor_rows, _totals = measure_floor(landing, work / "floor.duckdb")
    result = ScaleResult(
        scale=scale, input_rows=sum(counts.values()), landing_mib=round(_tree_size_mib(landing), 1),
        demo_s=demo_s, ingest_s=stages["ingest"], dbt_s=stages["dbt"], dbt_build_s=dbt_build_s,
        site_s=stages["site"], total_s=total_s, peak_rss_mib=peak_mib,
        rusage_lower_bound_mib=worker["rusage_lower_bound_kib"] / 1024, load_1m=load_1m, floor_s=floor_s,
        floor_rows=floor_rows)
    return result, slow


def bench_site(reps: int, work: Path) -> SiteResult:
    """Build the site alone for `reps` synthetic reps in a child process."""
    work.mkdir(parents=True, exist_ok=True)
    out = work / "site.json"
    _seconds, peak_mib = _run_child([SITE_WORKER, str(reps), str(work), str(out)], work / "site.log")
    s = json.loads(out.read_text(encoding="utf-8"))
    return SiteResult(reps=reps, rep_pages=s["rep_pages"], pages=s["pages"], seconds=s["wall_seconds"],
                      query_s=s["query_seconds"], render_s=s["render_seconds"], mkdocs_s=s["mkdocs_seconds"],
                      peak_rss_mib=peak_mib)


# --- child processes -------------------------------------------------------------------------------------------


def _rusage_lower_bound_kib() -> int:
    """Largest peak RSS of this process or of any single descendant it waited for (Linux: KiB). A lower bound of
    the tree's peak: processes running at the same time add up, this does not."""
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def pipeline_worker(landing: str, strategy: str, warehouse: str, site_dir: str, timings: str) -> int:
    """Run `onstrategy run` in this process, keeping Dagster's result to read the step durations.

    The runner does not return the Dagster result, so `onstrategy.runner.materialize` is wrapped for this process
    only; the run itself is exactly the CLI's."""
    from onstrategy import cli, runner

    captured: list[Any] = []
    original = runner.materialize

    def materialize_and_keep(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        captured.append(result)
        return result

    runner.materialize = materialize_and_keep
    code = cli.main(["run", "--landing", landing, "--strategy", strategy, "--warehouse", warehouse,
                     "--site-dir", site_dir])
    steps: dict[str, float] = {}
    for result in captured:
        for event in result.all_events:
            if event.is_step_success:
                steps[event.step_key] = event.step_success_data.duration_ms / 1000
    Path(timings).write_text(json.dumps({"exit_code": code, "steps": steps,
                                         "rusage_lower_bound_kib": _rusage_lower_bound_kib()}), encoding="utf-8")
    return code


def site_worker(reps: str, work: str, out: str) -> int:
    """Create a synthetic marts warehouse for `reps` reps, then time `build_site` on it."""
    from onstrategy.dbt_manifest import dbt_project
    from onstrategy_site import build_site
    from onstrategy_site.synthetic import create_synthetic_warehouse

    folder = Path(work)
    warehouse = create_synthetic_warehouse(folder / "synthetic.duckdb", reps=int(reps), evil_names=False)
    manifest = Path(dbt_project.manifest_path)
    site_dir = folder / "site"
    shutil.rmtree(site_dir, ignore_errors=True)
    started = time.perf_counter()
    summary = build_site(warehouse, site_dir, DEFAULT_STRATEGY_FILE,
                         dbt_manifest=manifest if manifest.exists() else None)
    summary["wall_seconds"] = time.perf_counter() - started
    Path(out).write_text(json.dumps(summary), encoding="utf-8")
    return 0


# --- main ------------------------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    scratch = args.work_dir or Path(tempfile.mkdtemp(prefix="onstrategy-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    results: list[ScaleResult] = []
    slow: list[tuple[str, float]] = []
    site: SiteResult | None = None
    try:
        for scale in args.scales:
            print(f"bench: scale {scale:g} ...", file=sys.stderr, flush=True)
            work = scratch / f"scale-{scale:g}"
            shutil.rmtree(work, ignore_errors=True)
            result, slow = bench_scale(scale, args.seed, work)
            results.append(result)
            print(markdown_table(COLUMNS, [table_row(result)]).splitlines()[-1], file=sys.stderr, flush=True)
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        if args.site_reps > 0:
            print(f"bench: site alone, {args.site_reps} synthetic reps ...", file=sys.stderr, flush=True)
            site = bench_site(args.site_reps, scratch / "site-only")
    finally:
        if not args.keep and args.work_dir is None:
            shutil.rmtree(scratch, ignore_errors=True)
        elif args.keep:
            print(f"bench: scratch kept in {scratch}", file=sys.stderr)
    text = report(results, site, slow)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    write_csv(args.out / "results.csv", results)
    print(text)
    print(f"written: {args.out / 'results.md'}, {args.out / 'results.csv'}", file=sys.stderr)
    return 0 if site is None or site.within_budget else 1


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == [PIPELINE_WORKER]:
        return pipeline_worker(*argv[1:])
    if argv[:1] == [SITE_WORKER]:
        return site_worker(*argv[1:])
    return run(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
