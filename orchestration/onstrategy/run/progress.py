"""What `onstrategy run` prints while it works: a line per stage as it happens, a live bar on a terminal.

The run's steps report here (`current()`); the run log gets everything else. On a terminal the stage that is running
shows as a rich spinner or bar that the stage's line replaces when it ends; elsewhere (a pipe, CI) each line is
printed once, plain. Problems (a failed dbt test) are printed as they happen at every verbosity but quiet.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from enum import IntEnum
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress


class Verbosity(IntEnum):
    QUIET = 0  # errors and the money the quarantine holds out, nothing else
    NORMAL = 1  # a line per stage
    VERBOSE = 2  # and a line per object loaded and per dbt node


class Progress:
    """Stage lines and live counters of one run, written to `stream` (the terminal the run was started from)."""

    def __init__(self, stream: TextIO | None = None, verbosity: Verbosity = Verbosity.NORMAL) -> None:
        self.verbosity = verbosity if stream is not None else Verbosity.QUIET
        self._console = Console(file=stream, highlight=False, soft_wrap=True) if stream is not None else None
        self._live = bool(stream is not None and stream.isatty() and verbosity > Verbosity.QUIET)

    def line(self, stage: str, message: str, level: Verbosity = Verbosity.NORMAL) -> None:
        """One finished fact: `stage: message`."""
        if self._console is not None and self.verbosity >= level:
            self._console.print(f"{stage}: {message}", markup=False)

    def problem(self, stage: str, message: str) -> None:
        self.line(stage, message, Verbosity.NORMAL)

    @contextlib.contextmanager
    def counting(self, stage: str, what: str, total: int | None) -> Iterator[Counter]:
        """A live `stage: done of total what` while the block runs (a terminal only); the block prints its own
        closing line."""
        counter = Counter(total)
        if not self._live or self._console is None:
            yield counter
            return
        columns = [SpinnerColumn(), TextColumn(f"{stage}: {{task.description}}"), BarColumn(),
                   MofNCompleteColumn(), TimeElapsedColumn()]
        # the run sends stdout and stderr to its log: the bar must not take them back
        with RichProgress(*columns, console=self._console, transient=True, redirect_stdout=False,
                          redirect_stderr=False) as bar:
            task = bar.add_task(what, total=total)
            counter.on_change = lambda done: bar.update(task, completed=done)
            yield counter


class Counter:
    """How many of `total` are done, and since when."""

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self.on_change: Callable[[int], None] | None = None

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.on_change is not None:
            self.on_change(self.done)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started


_current = Progress()


def current() -> Progress:
    """The progress of the run in this process (silent outside `onstrategy run`: the Dagster UI has its own)."""
    return _current


@contextlib.contextmanager
def reporting(progress: Progress) -> Iterator[Progress]:
    global _current
    previous, _current = _current, progress
    try:
        yield progress
    finally:
        _current = previous
