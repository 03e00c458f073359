"""`onstrategy run`: materialize every asset in order, in this process, and report the outcome in one line."""

import contextlib
import json
import logging
import os
import re
import shutil
import signal
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from dagster import DagsterEventType, DagsterInstance, ExecuteInProcessResult, materialize

from onstrategy.errors import OnstrategyError, named_os_errors
from onstrategy.publish.guard import check_paths_apart
from onstrategy.publish.materiality import BLOCKING_TEST, held_out_lines
from onstrategy.run.lock import run_lock
from onstrategy.run.progress import Progress, Verbosity, reporting
from onstrategy.settings import (
    ENV_QUARANTINE_BLOCK_SHARE,
    Settings,
    artifacts_dir_for,
    check_engine,
    quarantine_block_share,
    spark_dir_for,
    temp_dir_for,
)

QUIET_LOGGERS = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
# What a DAGSTER_HOME the project prepares holds: Dagster's defaults (SQLite storage in the folder), telemetry off.
DAGSTER_YAML = "# written by onstrategy (onstrategy.run.pipeline.dagster_instance)\ntelemetry:\n  enabled: false\n"


@dataclass(frozen=True)
class RunOutcome:
    seconds: float
    warehouse: Path
    site_dir: Path
    dbt_plan: str | None = None  # how dbt built the warehouse: full refresh, incremental or nothing to build
    held_out: tuple[str, ...] = ()  # what the quarantine holds out of recent quarters' won business
    log: Path | None = None  # the run log: dbt's output and every library's log records
    dagster_home: Path | None = None  # the Dagster instance that recorded the run (None: not recorded)


def _check_inputs(settings: Settings) -> None:
    """Fail before touching the warehouse when an input is missing or the strategy is invalid."""
    from onstrategy.ingest.landing import check_landing_layout
    from onstrategy.publish.guard import check_run_outputs
    from onstrategy.strategy import load_strategy

    check_landing_layout(settings.landing)
    check_run_outputs(settings)
    quarantine_block_share()  # a bad ONSTRATEGY_QUARANTINE_BLOCK_SHARE is one line now, not a SQL error in dbt
    load_strategy(settings.strategy, landing=settings.landing)  # its exceptions name landing records
    if check_engine(settings.engine) == "spark":
        from onstrategy.transform.spark import check_spark_available

        check_spark_available()


def run_pipeline(settings: Settings, verbosity: Verbosity = Verbosity.NORMAL) -> RunOutcome:
    """Ingest, dbt build and site, publishing the warehouse and site only if everything succeeded. One run at a time
    per warehouse (onstrategy.run.lock); SIGTERM interrupts it like Ctrl-C, leaving the published files as they were.
    Each stage reports on stdout as it goes (onstrategy.run.progress), at `verbosity`."""
    settings = settings.resolved()
    check_paths_apart(settings.guarded_paths())  # before the lock file is written beside the warehouse
    # the progress holds this stdout: the run redirects sys.stdout to its log below
    with _terminate_as_interrupt(), run_lock(settings) as reaped, reporting(Progress(sys.stdout, verbosity)):
        if reaped is not None:
            print(f"note: {reaped.line()}", flush=True)
        first_run = not settings.warehouse.exists()
        try:
            return _run_locked(settings)
        except BaseException:
            if first_run:
                discard_work_files(settings)
            raise


def discard_work_files(settings: Settings) -> None:
    """What a failed first run built beside the warehouse it never published: the work warehouse, its WAL, dbt's
    artifacts and the spill and Spark folders (a later run starts afresh anyway). The lock file stays: removing it
    while another run may have it open would let two runs hold two locks."""
    work = settings.work_warehouse
    for path in (work, work.with_name(work.name + ".wal"), artifacts_dir_for(work), temp_dir_for(work),
                 spark_dir_for(work)):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def dagster_instance() -> DagsterInstance:
    """The instance at $DAGSTER_HOME when it is set, so that `dagster dev` on that folder shows the CLI's runs,
    materializations and check results; else an ephemeral one (nothing kept). A new DAGSTER_HOME gets a
    dagster.yaml with Dagster's telemetry off; an existing one is used as its owner set it."""
    home = os.environ.get("DAGSTER_HOME")
    if not home:
        return DagsterInstance.ephemeral()
    folder = Path(home).expanduser()
    config = folder / "dagster.yaml"
    with named_os_errors(folder, "prepare the Dagster instance (DAGSTER_HOME)"):
        folder.mkdir(parents=True, exist_ok=True)
        if not config.exists():
            config.write_text(DAGSTER_YAML, encoding="utf-8")
    return DagsterInstance.get()



@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt, as Ctrl-C does, so a terminated run stops the way an interrupted one does:
    dbt is stopped, nothing is published, the lock is released."""
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run_locked(settings: Settings) -> RunOutcome:
    _check_inputs(settings)
    started = time.monotonic()
    started_at = time.time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from onstrategy.definitions import ALL_ASSETS, build_definitions

        resources = build_definitions(settings).resources
        log_path = run_log_path(settings)
        with named_os_errors(log_path, "write the run log"):
            log_path.parent.mkdir(parents=True, exist_ok=True)
            log = log_path.open("w", encoding="utf-8")
        # dbt's console output and every library's log records (Dagster's, mkdocs') go to the run log, keeping the
        # command's own output to a few lines; a failure is reported once, as one line, below.
        with log, contextlib.redirect_stdout(log), _logging_to(log), dagster_instance() as instance:
            result = materialize(ALL_ASSETS, resources=resources, run_config=QUIET_LOGGERS, raise_on_error=False,
                                 instance=instance)
            recorded = None if instance.is_ephemeral else Path(instance.root_directory)
    if not result.success:
        if _was_interrupted(result):
            raise KeyboardInterrupt  # Ctrl-C or SIGTERM during a step: the CLI says "interrupted"
        raise OnstrategyError(_failure_line(result, settings, started_at))
    return RunOutcome(time.monotonic() - started, settings.warehouse, settings.site_dir, _dbt_plan(settings),
                      tuple(held_out_lines(settings.warehouse)), log_path, recorded)


@contextlib.contextmanager
def _logging_to(stream: TextIO) -> Iterator[None]:
    """Route log records of every logger to `stream` while the run lasts (none reach the terminal)."""
    root = logging.getLogger()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    saved = root.handlers[:]
    root.handlers = [handler]
    try:
        yield
    finally:
        root.handlers = saved


def _dbt_plan(settings: Settings) -> str | None:
    from onstrategy.transform.incremental import last_build_plan
    from onstrategy.warehouse import connect_reader

    with connect_reader(settings.warehouse) as con:
        return last_build_plan(con)


def run_log_path(settings: Settings) -> Path:
    """Where the last run's dbt output is kept (beside the work warehouse)."""
    work = settings.work_warehouse
    return artifacts_dir_for(work) / "run.log"


def _was_interrupted(result: ExecuteInProcessResult) -> bool:
    """Whether a step failed because the run was interrupted (Dagster turns KeyboardInterrupt into its own error)."""
    for event in result.all_events:
        if event.event_type == DagsterEventType.STEP_FAILURE:
            error = event.step_failure_data.error
            while error is not None:
                if error.cls_name in ("DagsterExecutionInterruptedError", "KeyboardInterrupt"):
                    return True
                error = error.cause
    return False


def _expected_error_names() -> set[str]:
    """Class names of every expected error (OnstrategyError and its subclasses): reported as they are."""
    names, pending = set(), [OnstrategyError]
    while pending:
        cls = pending.pop()
        names.add(cls.__name__)
        pending.extend(cls.__subclasses__())
    return names


def _failure_line(result: ExecuteInProcessResult, settings: Settings, started_at: float) -> str:
    """One line naming what failed: the asset's own error, or the dbt nodes that failed."""
    expected = _expected_error_names()
    for event in result.all_events:
        if event.event_type != DagsterEventType.STEP_FAILURE:
            continue
        chain = []
        error = event.step_failure_data.error
        while error is not None:
            chain.append(error)
            error = error.cause
        # an expected error anywhere in the chain is the message (it may wrap the low-level error it explains)
        named = next((e for e in chain if e.cls_name in expected), None)
        error = named or (chain[-1] if chain else None)
        step = event.step_key or "step"
        message = error.message.strip().splitlines()[0] if error and error.message else "failed"
        # "dagster._core.definitions.events.Failure: the dbt project changed ..." -> "the dbt project changed ..."
        message = re.sub(r"^[\w.]+\.(?:\w*Error|Failure|\w*Exception): ", "", message)
        if "dbt" in step:
            blocked = _quarantine_block(settings, started_at)
            if blocked:
                return blocked
            dbt_detail = _dbt_failures(settings, started_at) or _dbt_log_error(run_log_path(settings))
            if dbt_detail:
                return f"dbt build failed: {dbt_detail}"
        return message if named else f"{step}: {message}"
    return "run failed (no step failure recorded)"


def _quarantine_block(settings: Settings, started_at: float) -> str:
    """The line for a run the quarantine's materiality check stopped (empty when that check did not fail)."""
    failed = [r["unique_id"] for r in _run_results(settings, started_at) if r.get("status") in ("error", "fail")]
    if not any(unique_id.endswith(f".{BLOCKING_TEST}") for unique_id in failed):
        return ""
    lines = held_out_lines(settings.work_warehouse) or ["(see audit.quarantine_impact)"]
    return (f"nothing was published: the quarantine holds out more than {quarantine_block_share():.1%} of a recent "
            f"quarter's won business ({ENV_QUARANTINE_BLOCK_SHARE} sets the limit): {lines[0]}"
            + (f" (and {len(lines) - 1} more quarter(s))" if len(lines) > 1 else ""))


def _run_results(settings: Settings, started_at: float) -> list[dict]:
    """The results of this run's dbt build (a run_results.json left by an earlier run is ignored)."""
    run_results = artifacts_dir_for(settings.work_warehouse) / "target" / "run_results.json"
    if not run_results.exists() or run_results.stat().st_mtime < started_at:
        return []
    return json.loads(run_results.read_text())["results"]


def _dbt_message(message: str) -> str:
    """The informative part of a dbt error: "Runtime Error in model x (path)" is followed by the database's error."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].startswith(("Runtime Error in", "Database Error in", "Compilation Error in")):
        return _informative_line("\n".join(lines[1:]))
    return _informative_line(message) or message


def _dbt_failures(settings: Settings, started_at: float) -> str:
    """The failed dbt nodes of this run."""
    results = _run_results(settings, started_at)
    failed = [r for r in results if r.get("status") in ("error", "fail", "runtime error")]
    parts = [f"{r['unique_id']}: {_dbt_message(r.get('message') or r['status'])}" for r in failed[:3]]
    more = f" (and {len(failed) - 3} more)" if len(failed) > 3 else ""
    return "; ".join(parts) + more


_DBT_ERROR_LINE = re.compile(r"^(?:Error|[A-Z][a-z]+ Error)\b")
_BARE_ERROR_HEADER = re.compile(r"^[A-Z][a-z]+ Error$")
# A database error as DuckDB words it: its class, then what went wrong ("IO Error: Could not set lock on file ...",
# "Conversion Error: ...", "Invalid Input Error: ..."): the line that says why, wherever dbt puts it in a message.
_DATABASE_ERROR = re.compile(r"^(?:[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*) Error: \S")


def _informative_line(message: str) -> str:
    """The line of a multi-line dbt message that says what went wrong: a database error when there is one (dbt
    wraps it in "Encountered an error:" or "Runtime Error in model ..."), else the first line."""
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    return next((line for line in lines if _DATABASE_ERROR.match(line)), lines[0] if lines else "")


def _dbt_log_error(log: Path) -> str:
    """The last error dbt printed (to the run log) when it failed before writing its results: a crash, bad
    arguments, a project that does not parse, a warehouse it cannot open. Plain lines (`Error: ...`) and
    dagster-dbt's JSON log lines (level `error`; their stack traces are skipped) both count, a database error's own
    line first; the log is named for the rest."""
    if not log.exists():
        return ""
    errors = []
    lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines()]
    for index, text in enumerate(lines):
        if text.startswith("{"):
            with contextlib.suppress(ValueError, AttributeError, TypeError):
                record = json.loads(text)
                info = record.get("info", {})
                if info.get("level") == "error" and info.get("msg") and "stack_trace" not in record.get("data", {}):
                    errors.append(_informative_line(str(info["msg"])))
        elif _DBT_ERROR_LINE.match(text) or _DATABASE_ERROR.match(text):
            # a bare header ("Runtime Error") is followed, indented, by what went wrong
            detail = next((line for line in lines[index + 1:] if line and line != text), "")
            errors.append(f"{text}: {detail}" if _BARE_ERROR_HEADER.match(text) and detail else text)
    return f"{errors[-1]} (full output: {log})" if errors else ""
