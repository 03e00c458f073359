"""One run at a time per warehouse, and nothing left behind by a run that died.

`run_lock(settings)` holds an exclusive `flock` on `<warehouse>.lock` for the whole run. The kernel releases it
when the process ends, however it ends (SIGKILL included), so a lock is never stale: a second run fails at once
with one line naming the running one's PID and start time. The file also records who holds it; a run that ends
normally empties it, so finding it filled while the lock is free means the last run died. The new run then reaps
what that run left (`reap_leftovers`): dbt processes still working on the work warehouse (a dbt started without
the parent-death signal, onstrategy.run.children) and the hidden build, swap and copy files beside the site and the
warehouse, and says so in one line.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psutil

from onstrategy.errors import OnstrategyError, named_os_errors
from onstrategy.publish.atomic import SITE_BUILD_SUFFIX, SITE_PREVIOUS_SUFFIX, WAREHOUSE_STAGED_SUFFIX
from onstrategy.settings import ENV_DBT_DUCKDB_PATH, Settings, lock_file_for

# A run that died keeps its lock only through children that outlived it; they get this long to go after SIGKILL.
REAP_WAIT_SECONDS = 5.0


@dataclass(frozen=True)
class Holder:
    """Who holds (or last held) the lock."""

    pid: int
    started_at: str

    @classmethod
    def read(cls, text: str) -> Holder | None:
        try:
            data = json.loads(text)
            return cls(int(data["pid"]), str(data["started_at"]))
        except (ValueError, KeyError, TypeError):
            return None

    def describe(self) -> str:
        return f"PID {self.pid}, started {self.started_at}"


@dataclass(frozen=True)
class Reaped:
    """What a run that died had left, and this run removed."""

    holder: Holder | None
    processes: tuple[int, ...] = ()
    paths: tuple[Path, ...] = ()

    def line(self) -> str:
        parts = []
        if self.processes:
            pids = ", ".join(str(pid) for pid in self.processes)
            parts.append(f"stopped {len(self.processes)} process{'es' if len(self.processes) > 1 else ''} "
                         f"still working on its warehouse (PID {pids})")
        if self.paths:
            parts.append(f"removed {len(self.paths)} unfinished build file{'s' if len(self.paths) > 1 else ''} "
                         f"({', '.join(p.name for p in self.paths)})")
        who = f" ({self.holder.describe()})" if self.holder else ""
        return f"the last run on this warehouse did not finish{who}: " + ("; ".join(parts) or "nothing was left")


@contextlib.contextmanager
def run_lock(settings: Settings) -> Iterator[Reaped | None]:
    """Hold the warehouse's run lock while the block runs; yields what a dead earlier run left (None: nothing)."""
    path = lock_file_for(settings.warehouse)
    with named_os_errors(path, "take the run lock"):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_lock(fd):
            holder = Holder.read(_read(fd))
            if holder is None or psutil.pid_exists(holder.pid):
                raise OnstrategyError(f"{settings.warehouse}: another run is using this warehouse "
                                      f"({holder.describe() if holder else 'PID unknown'}); wait for it to finish "
                                      f"or stop it (lock file {path})")
            # the run died but children it started still hold the lock: stop them, then take it
            _stop(_processes_on(settings.work_warehouse), REAP_WAIT_SECONDS)
            if not _try_lock(fd, wait_seconds=REAP_WAIT_SECONDS):
                raise OnstrategyError(f"{settings.warehouse}: the run lock is held by processes of a run that died "
                                      f"({holder.describe()}); stop them (lock file {path})")
        previous = _read(fd)
        reaped = reap_leftovers(settings, Holder.read(previous)) if previous.strip() else None
        _write(fd, json.dumps({"pid": os.getpid(), "started_at": datetime.now(UTC).isoformat(timespec="seconds")}))
        try:
            yield reaped
        finally:
            _write(fd, "")  # a clean end: the next run has nothing to reap
    finally:
        os.close(fd)  # releases the lock


def _try_lock(fd: int, wait_seconds: float = 0.0) -> bool:
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)


def _read(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 4096).decode("utf-8", errors="replace")


def _write(fd: int, text: str) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode("utf-8"), 0)
    os.fsync(fd)


def reap_leftovers(settings: Settings, holder: Holder | None) -> Reaped:
    """Stop the processes still working on the work warehouse and remove the unfinished files a dead run left."""
    processes = _processes_on(settings.work_warehouse)
    _stop(processes, REAP_WAIT_SECONDS)
    paths = []
    for folder, name, suffixes in ((settings.site_dir.parent, settings.site_dir.name,
                                    (SITE_BUILD_SUFFIX, SITE_PREVIOUS_SUFFIX)),
                                   (settings.warehouse.parent, settings.warehouse.name, (WAREHOUSE_STAGED_SUFFIX,))):
        if not folder.is_dir():
            continue
        for suffix in suffixes:
            for path in sorted(folder.glob(f".{name}.*{suffix}")):
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                paths.append(path)
    return Reaped(holder, tuple(p.pid for p in processes), tuple(paths))


def _processes_on(work_warehouse: Path) -> list[psutil.Process]:
    """Processes of this user (other than this one) started to work on `work_warehouse` (dbt, via its env)."""
    found = []
    me = os.getpid()
    for process in psutil.process_iter(["pid"]):
        if process.pid == me:
            continue
        with contextlib.suppress(psutil.Error):
            if process.environ().get(ENV_DBT_DUCKDB_PATH) == str(work_warehouse):
                found.append(process)
    return found


def _stop(processes: list[psutil.Process], wait_seconds: float) -> None:
    for process in processes:
        with contextlib.suppress(psutil.Error):
            process.kill()
    psutil.wait_procs(processes, timeout=wait_seconds)
