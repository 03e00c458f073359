"""Child processes that die with the run: a killed `onstrategy run` must leave no dbt behind holding the work
warehouse's lock.

`onstrategy-dbt` (a console script of the project) is the dbt a run starts: it asks the kernel to kill it when its
parent dies (Linux `prctl(PR_SET_PDEATHSIG)`, which survives `exec`), then becomes the dbt installed beside this
Python. Where the platform has no such call it simply becomes dbt; the next run then reaps what a dead run left
(onstrategy.run.lock).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1
WRAPPER_NAME = "onstrategy-dbt"
# The PID of the process that starts dbt, which dbt must die with. The wrapper cannot learn it from getppid() alone:
# a parent killed while the wrapper's Python starts leaves it adopted by init before it can ask.
PARENT_PID_ENV = "ONSTRATEGY_DBT_PARENT_PID"


def die_with_parent(sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send `sig` to this process when the thread that started it ends; False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def installed_dbt() -> Path:
    """The dbt installed beside this Python."""
    return Path(sys.executable).with_name("dbt")


def announce_parent() -> None:
    """Tell the dbt this process is about to start which process it must die with (this one)."""
    os.environ[PARENT_PID_ENV] = str(os.getpid())


def expected_parent() -> int:
    """The process this wrapper must die with: the one that announced itself, else the parent it has now."""
    announced = os.environ.get(PARENT_PID_ENV, "")
    return int(announced) if announced.isdigit() else os.getppid()


def dbt_main() -> None:
    """`onstrategy-dbt ARGS`: dbt ARGS, killed with the run that started it."""
    parent = expected_parent()
    die_with_parent()
    if os.getppid() != parent:  # the parent died before the request took effect, maybe before this Python started
        sys.exit(1)
    dbt = installed_dbt()
    os.execv(dbt, [str(dbt), *sys.argv[1:]])
