"""The dbt project as Dagster sees it, and keeping its manifest current.

`@dbt_assets` reads `target/manifest.json` when the definitions are imported. `dbt parse` builds it without
touching the warehouse (no lock); it runs only when the project's files differ from those the manifest was parsed
from (a fingerprint of their contents is kept beside it), so the fixed parse cost is paid once, not per run.
"""

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dagster_dbt import DbtProject

from onstrategy.errors import OnstrategyError
from onstrategy.paths import DBT_PROJECT_DIR, PROJECT_ROOT
from onstrategy.settings import ENV_DBT_DUCKDB_PATH

DBT_SOURCE_DIRS = ("models", "seeds", "dbt_project/macros", "dbt_project/tests")
DBT_CONFIG_FILES = ("dbt_project/dbt_project.yml", "dbt_project/profiles.yml")
FINGERPRINT_FILE = "manifest.fingerprint"

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def project_fingerprint() -> str:
    """A hash of every file dbt parses (paths and contents): any edit, addition or removal changes it, whatever
    the files' timestamps say (files restored by tar, `cp -p` or git keep old ones)."""
    digest = hashlib.sha256()
    files = [path for folder in DBT_SOURCE_DIRS for path in (PROJECT_ROOT / folder).rglob("*") if path.is_file()]
    files += [PROJECT_ROOT / name for name in DBT_CONFIG_FILES if (PROJECT_ROOT / name).exists()]
    for path in sorted(files):
        digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def manifest_fingerprint(manifest: Path | None = None) -> str | None:
    """The project fingerprint the manifest was parsed from (None when unknown)."""
    recorded = Path(manifest or dbt_project.manifest_path).with_name(FINGERPRINT_FILE)
    return recorded.read_text(encoding="utf-8").strip() if recorded.exists() else None


def manifest_is_current(manifest: Path | None = None) -> bool:
    manifest = Path(manifest or dbt_project.manifest_path)
    return manifest.exists() and manifest_fingerprint(manifest) == project_fingerprint()


def ensure_manifest() -> Path:
    """Run `dbt parse` when the manifest is missing or was parsed from other project files; return its path.

    Processes that import the definitions at the same time (pytest-xdist workers, `dagster dev` beside a run) take
    turns: one parses, the others wait and then find the manifest current; two parses at once wrote the same
    manifest.json and a reader could load half of it."""
    manifest = Path(dbt_project.manifest_path)
    if manifest_is_current(manifest):
        return manifest
    with _parse_lock(manifest.parent):
        if not manifest_is_current(manifest):  # another process may have parsed while this one waited
            _parse(manifest)
    return manifest


@contextmanager
def _parse_lock(target_dir: Path) -> Iterator[None]:
    """An exclusive lock on `target_dir`/.manifest.lock, held until the block ends (released if the process dies)."""
    target_dir.mkdir(parents=True, exist_ok=True)
    with (target_dir / ".manifest.lock").open("a") as handle:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, as before
            yield
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield  # closing the file releases the lock


def _parse(manifest: Path) -> None:
    # Taken before the parse: a file saved while dbt is parsing changes the project, so the next check parses again.
    fingerprint = project_fingerprint()
    manifest.with_name(FINGERPRINT_FILE).unlink(missing_ok=True)  # an interrupted parse leaves no stale pair
    env = dict(os.environ)
    # parse never connects, but the profile must render: give it a harmless path when none is set.
    env.setdefault(ENV_DBT_DUCKDB_PATH, str(DBT_PROJECT_DIR / "target" / "parse-only.duckdb"))
    dbt = Path(sys.executable).with_name("dbt")
    command = [str(dbt) if dbt.exists() else "dbt", "parse", "--quiet", "--project-dir", str(DBT_PROJECT_DIR),
               "--profiles-dir", str(DBT_PROJECT_DIR)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stdout + done.stderr).strip().splitlines()
        raise OnstrategyError(f"{DBT_PROJECT_DIR}: dbt parse failed: {' | '.join(detail[-5:])}")
    manifest.with_name(FINGERPRINT_FILE).write_text(fingerprint, encoding="utf-8")
