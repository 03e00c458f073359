"""Running the CLI with a small tmpfs mounted at a folder, in a mount namespace of its own (`unshare -rm`).

How the tests meet a full disk or a read-only file system without touching the machine's own mounts: the mount
exists only for the one command and disappears with it.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.conftest import onstrategy_command


@functools.cache
def mounts_available() -> bool:
    """Whether this machine lets a process mount a tmpfs in a namespace of its own."""
    if not shutil.which("unshare"):
        return False
    with tempfile.TemporaryDirectory() as folder:
        probe = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=1m tmpfs {folder}"],
                               capture_output=True, check=False, timeout=30)
    return probe.returncode == 0


def run_cli_on_tmpfs(mount_point: Path, options: str, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """`onstrategy *args` with a tmpfs (`options`, e.g. `size=2m` or `ro`) mounted at `mount_point` (created)."""
    mount_point.mkdir(parents=True, exist_ok=True)
    return _run_after(f'mount -t tmpfs -o {options} tmpfs "$0"', mount_point, args, timeout)


def run_cli_with_file_mounted_on_itself(path: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """`onstrategy *args` with the file `path` bind-mounted on itself: a mount point, which cannot be renamed over
    (the rename fails with EBUSY), as on a file system that refuses the rename at the last moment."""
    return _run_after('mount --bind "$0" "$0"', path, args, timeout)


def _run_after(mount: str, target: Path, args: tuple[str, ...], timeout: int) -> subprocess.CompletedProcess:
    script = f'{mount} && shift && exec "$@"'
    return subprocess.run(["unshare", "-rm", "sh", "-c", script, str(target), "placeholder",
                           *onstrategy_command(), *args], capture_output=True, text=True, timeout=timeout,
                          check=False)
