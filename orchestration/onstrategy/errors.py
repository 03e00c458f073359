"""Errors that are reported to the user as one clear line, without a traceback."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class OnstrategyError(Exception):
    """An expected failure (bad input or config): reported as one clear line, no traceback."""


# What to do about the file-system failures a user can meet, by errno.
_OS_ERROR_HINTS = {
    errno.ENOSPC: "free some disk space and run again",
    errno.EDQUOT: "the disk quota is used up: free some space and run again",
    errno.EROFS: "choose a writable folder",
    errno.EACCES: "permission denied: choose a folder you can write to",
    errno.EPERM: "permission denied: choose a folder you can write to",
}


def describe_os_error(exc: OSError, path: Path | str, doing: str = "") -> str:
    """`<path>: cannot <doing>: <what the system said>; <what to do>` for a failed read or write (the error's own
    file name, when it has one, is more precise than `path`)."""
    where = exc.filename or path
    reason = exc.strerror or str(exc)
    hint = _OS_ERROR_HINTS.get(exc.errno or -1)
    return f"{where}: " + (f"cannot {doing}: " if doing else "") + reason + (f"; {hint}" if hint else "")


@contextmanager
def named_os_errors(path: Path | str, doing: str) -> Iterator[None]:
    """Turn an OSError raised inside the block into one OnstrategyError line naming the path and the cause
    (a full disk is `[Errno 28] No space left on device` with no path when a file object's write fails)."""
    try:
        yield
    except OSError as exc:
        raise OnstrategyError(describe_os_error(exc, path, doing)) from None


def describe_database_error(exc: Exception, path: Path | str, doing: str) -> str:
    """One line for a DuckDB error while writing the warehouse: `<path>: cannot <doing>: <DuckDB's first line>`, with
    what to do when the disk is full (DuckDB names the file it could not write)."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    hint = "; free some disk space and run again" if "No space left on device" in first else ""
    return f"{path}: cannot {doing}: {first}{hint}"
