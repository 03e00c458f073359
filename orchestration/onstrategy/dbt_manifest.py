"""The dbt project as Dagster sees it, and keeping its manifest current.

`@dbt_assets` reads `target/manifest.json` when the definitions are imported. `dbt parse` builds it without
touching the warehouse (no lock); it runs only when a model, macro, seed or config file is newer than the
manifest, so the fixed parse cost is paid once, not per run.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

from dagster_dbt import DbtProject

from onstrategy.errors import OnstrategyError
from onstrategy.paths import DBT_PROJECT_DIR, PROJECT_ROOT

DBT_SOURCE_DIRS = ("models", "seeds", "dbt_project/macros", "dbt_project/tests")
DBT_CONFIG_FILES = ("dbt_project/dbt_project.yml", "dbt_project/profiles.yml")
ENV_DBT_DUCKDB_PATH = "ONSTRATEGY_DBT_DUCKDB_PATH"

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def _newest_source_mtime() -> float:
    newest = 0.0
    for folder in DBT_SOURCE_DIRS:
        for path in (PROJECT_ROOT / folder).rglob("*"):
            if path.is_file():
                newest = max(newest, path.stat().st_mtime)
    for name in DBT_CONFIG_FILES:
        path = PROJECT_ROOT / name
        if path.exists():
            newest = max(newest, path.stat().st_mtime)
    return newest


def project_changed_since(timestamp: float) -> bool:
    """Whether a model, macro, seed, test or config file was saved after `timestamp`."""
    return _newest_source_mtime() > timestamp


def manifest_is_current(manifest: Path | None = None) -> bool:
    manifest = manifest or dbt_project.manifest_path
    return manifest.exists() and manifest.stat().st_mtime >= _newest_source_mtime()


def ensure_manifest() -> Path:
    """Run `dbt parse` when the manifest is missing or older than the project's files; return its path."""
    manifest = Path(dbt_project.manifest_path)
    if manifest_is_current(manifest):
        return manifest
    env = dict(os.environ)
    # parse never connects, but the profile must render: give it a harmless path when none is set.
    env.setdefault(ENV_DBT_DUCKDB_PATH, str(DBT_PROJECT_DIR / "target" / "parse-only.duckdb"))
    dbt = Path(sys.executable).with_name("dbt")
    command = [str(dbt) if dbt.exists() else "dbt", "parse", "--quiet", "--project-dir", str(DBT_PROJECT_DIR),
               "--profiles-dir", str(DBT_PROJECT_DIR)]
    parse_started = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stdout + done.stderr).strip().splitlines()
        raise OnstrategyError(f"{DBT_PROJECT_DIR}: dbt parse failed: {' | '.join(detail[-5:])}")
    # Date the manifest to when the parse started: a file saved while dbt was parsing is newer, so the next
    # check parses again instead of trusting a manifest that may have missed it.
    os.utime(manifest, (parse_started, parse_started))
    return manifest
