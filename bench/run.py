"""`make bench`: time the whole pipeline at several demo scales and compare it with a bare-DuckDB floor.

    python -m bench.run [--scales 1 10 100] [--out bench/] [--doc docs/benchmarks.md] [--site-reps 1000]
                               [--work-dir DIR] [--keep]

Scales come from `--scales`, else from the environment variable `BENCH_SCALES` ("1,10,100"), else 1, 10, 100.
For each scale, in a fresh temporary folder:

1. the demo landing zone is generated in this process (`generate_landing_zone`, timed), tasks and events as batch
   folders (`Task/0001.csv`: the layout a daily activity sync appends to);
2. the pipeline runs in a child process exactly as `onstrategy run` does (`onstrategy.cli.main(["run", ...])`);
   its wall time is the total, its Dagster step durations give the ingest, dbt and site stages, and a sampler
   sums the RSS of the child and all its descendants (the dbt subprocess) every 50 ms for the peak memory;
3. the floor: bench/floor.sql on one bare DuckDB connection (`bench.floor`), checked against the mart;
4. a 1% activity batch is added (`onstrategy.demo.batches`) and the pipeline runs again on the same warehouse:
   the incremental run.

Then the site alone is built for 1,000 synthetic reps (`tests.synthetic_warehouse`) in a child process and checked
against the one-minute budget. The results go to `<out>/results.md`, `.csv` and `.json`, and docs/benchmarks.md
(with its chart, docs/images/bench-time-vs-scale.svg); docs/bench.md explains every column.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.report import (
    COLUMNS,
    ScaleResult,
    SiteResult,
    benchmarks_markdown,
    machine_facts,
    markdown_table,
    report,
    table_row,
    time_chart_svg,
    write_csv,
    write_json,
)
from onstrategy.paths import DEFAULT_STRATEGY_FILE, PROJECT_ROOT

DEFAULT_SCALES = (1.0, 10.0, 100.0)
ENV_SCALES = "BENCH_SCALES"
DEFAULT_OUT = PROJECT_ROOT / "bench"
DEFAULT_SEED = 42
DEFAULT_SITE_REPS = 1000
DEFAULT_DOC = PROJECT_ROOT / "docs" / "benchmarks.md"
CHART_NAME = "images/bench-time-vs-scale.svg"  # beside the report
BATCH_FRACTION = 0.01
SAMPLE_INTERVAL_SECONDS = 0.05
PIPELINE_WORKER = "_pipeline-worker"
SITE_WORKER = "_site-worker"
# Dagster step keys of the dbt and site stages; every other step (the landing objects' step, the strategy
# tables) is ingest.
DBT_STEP = "dbt_models"
SITE_STEP = "site"


def stage_seconds(step_seconds: dict[str, float]) -> dict[str, float]:
    """Sum Dagster step durations into the ingest, dbt and site stages."""
    stages = {"ingest": 0.0, "dbt": 0.0, "site": 0.0}
    for step, seconds in step_seconds.items():
        stage = "dbt" if step == DBT_STEP else "site" if step == SITE_STEP else "ingest"
        stages[stage] += seconds
    return stages


# --- arguments -------------------------------------------------------------------------------------------------


def parse_scales(text: str) -> list[float]:
    """'0.1, 1,5' -> [0.1, 1.0, 5.0]; every scale must be > 0."""
    scales = [float(part) for part in text.replace(" ", ",").split(",") if part.strip()]
    if not scales or any(s <= 0 for s in scales):
        raise ValueError(f"scales must be positive numbers, got {text!r}")
    return scales


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.run",
                                     description="Benchmark the pipeline at several demo scales.")
    parser.add_argument("--scales", nargs="+", default=None, metavar="SCALE",
                        help=f"demo scales, e.g. --scales 1 10 100 or --scales 1,10,100 (default: ${ENV_SCALES}, "
                        "else 1 10 100)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where results.md, .csv and .json go")
    parser.add_argument("--doc", type=Path, default=DEFAULT_DOC,
                        help="the Markdown report with chart (default docs/benchmarks.md); --no-doc skips it")
    parser.add_argument("--no-doc", dest="doc", action="store_const", const=None)
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
    """Run `python -m bench.run <argv>` with output to `log`; return (wall seconds, peak tree RSS MiB)."""
    with log.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        # from the repository root: the benchmark is not part of the installed package
        proc = subprocess.Popen([sys.executable, "-m", "bench.run", *argv], stdout=out,
                                stderr=subprocess.STDOUT, cwd=PROJECT_ROOT)
        with TreeMemorySampler(proc.pid) as sampler:
            code = proc.wait()
        seconds = time.perf_counter() - started
        sampler.wait_for_descendants()
    if code != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-20:])
        raise RuntimeError(f"{' '.join(argv[:1])} failed with exit code {code} (log: {log}):\n{tail}")
    return seconds, sampler.peak_bytes / 2**20


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
    """Generate, run, floor and run incrementally one scale inside `work` (created, left for the caller)."""
    from bench.floor import compare_with_mart, run_floor
    from onstrategy.demo import generate_landing_zone
    from onstrategy.demo.batches import split_activities_into_batches, write_activity_batch
    from onstrategy.transform.project import ensure_manifest

    # a stale manifest would make the run's import start with `dbt parse`: pay that here, outside the timings
    ensure_manifest()
    work.mkdir(parents=True, exist_ok=True)
    landing = work / "landing"
    started = time.perf_counter()
    counts = generate_landing_zone(landing, scale=scale, seed=seed)
    demo_s = time.perf_counter() - started
    split_activities_into_batches(landing)

    warehouse = work / "warehouse.duckdb"
    load_1m = _load_before_run()
    total_s, peak_mib, worker = _run_pipeline(landing, warehouse, work, "full")
    stages = stage_seconds(worker["steps"])
    dbt_build_s, slow = dbt_run_results(warehouse.with_name(warehouse.name + ".work.dbt") / "target"
                                        / "run_results.json")

    floor_db = work / "floor" / "floor.duckdb"
    floor_db.parent.mkdir(parents=True, exist_ok=True)
    floor = run_floor(landing, DEFAULT_STRATEGY_FILE, floor_db)
    differences = compare_with_mart(floor_db, warehouse)
    for line in differences[:5]:
        print(f"bench: floor differs from the mart: {line}", file=sys.stderr, flush=True)

    batch_rows = sum(write_activity_batch(landing, BATCH_FRACTION, seed).values())
    incremental_s, incremental_peak_mib, incremental_worker = _run_pipeline(landing, warehouse, work, "incremental")
    result = ScaleResult(
        scale=scale, input_rows=sum(counts.values()), landing_mib=round(_tree_size_mib(landing), 1),
        demo_s=demo_s, ingest_s=stages["ingest"], dbt_s=stages["dbt"], dbt_build_s=dbt_build_s,
        site_s=stages["site"], total_s=total_s, peak_rss_mib=_peak_mib(peak_mib, worker),
        rusage_lower_bound_mib=worker["rusage_lower_bound_kib"] / 1024, load_1m=load_1m, floor_s=floor.seconds,
        floor_rows=floor.rows_loaded, floor_differences=len(differences), batch_rows=batch_rows,
        incremental_s=incremental_s, incremental_peak_rss_mib=_peak_mib(incremental_peak_mib, incremental_worker),
        incremental_plan=_last_build_plan(warehouse))
    return result, slow


def _peak_mib(sampled_mib: float, worker: dict[str, Any]) -> float:
    """The run's peak memory: the sampled tree peak, or the largest single process's own peak
    (`_rusage_lower_bound_kib`) when that is higher (a spike shorter than the sampling interval)."""
    return max(sampled_mib, worker["rusage_lower_bound_kib"] / 1024)


def _load_before_run() -> float:
    load_1m = os.getloadavg()[0]  # other work on the machine skews the timings: recorded with the results
    if load_1m > (os.cpu_count() or 1) / 2:
        print(f"bench: warning: load average {load_1m:.1f} on {os.cpu_count()} CPUs, timings will be inflated",
              file=sys.stderr, flush=True)
    return load_1m


def _run_pipeline(landing: Path, warehouse: Path, work: Path, label: str) -> tuple[float, float, dict[str, Any]]:
    """One `onstrategy run` in a child process: (wall seconds, peak tree RSS MiB, the worker's step timings)."""
    timings = work / f"steps-{label}.json"
    total_s, peak_mib = _run_child([PIPELINE_WORKER, str(landing), str(DEFAULT_STRATEGY_FILE), str(warehouse),
                                    str(work / "site"), str(timings)], work / f"pipeline-{label}.log")
    return total_s, peak_mib, json.loads(timings.read_text(encoding="utf-8"))


def _last_build_plan(warehouse: Path) -> str:
    from onstrategy.transform.incremental import last_build_plan
    from onstrategy.warehouse import connect_reader

    with connect_reader(warehouse) as con:
        return last_build_plan(con) or "unknown"


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
    the tree's peak: processes running at the same time add up, this does not.

    This process's own peak is its VmHWM, not `ru_maxrss`: Linux carries `ru_maxrss` over fork and exec, so a
    child of the bench would report the bench's memory (the demo generator's, large at scale 100) as its own.
    A waited-for child's `ru_maxrss` carries this process's size at the fork, which this process had anyway."""
    return max(_own_peak_kib(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def _own_peak_kib() -> int:
    """This process's peak resident memory since it started (VmHWM in /proc/self/status), KiB."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def pipeline_worker(landing: str, strategy: str, warehouse: str, site_dir: str, timings: str) -> int:
    """Run `onstrategy run` in this process, keeping Dagster's result to read the step durations.

    The runner does not return the Dagster result, so `onstrategy.run.pipeline.materialize` is wrapped for this process
    only; the run itself is exactly the CLI's."""
    from onstrategy import cli
    from onstrategy.run import pipeline as runner

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
    from onstrategy.transform.project import dbt_project
    from onstrategy_site import build_site
    from tests.synthetic_warehouse import create_synthetic_warehouse

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
    facts = machine_facts()
    text = report(results, site, slow, facts)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    write_csv(args.out / "results.csv", results)
    write_json(args.out / "results.json", results, site, slow, facts)
    if args.doc is not None:
        chart = args.doc.parent / CHART_NAME
        chart.parent.mkdir(parents=True, exist_ok=True)
        chart.write_text(time_chart_svg(results), encoding="utf-8")
        args.doc.write_text(benchmarks_markdown(results, site, slow, facts, CHART_NAME), encoding="utf-8")
    print(text)
    print(f"written: {args.out}/results.md, .csv, .json" + (f", {args.doc}" if args.doc else ""), file=sys.stderr)
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
