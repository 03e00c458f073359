"""Shared fixtures: the `onstrategy` command and a small demo pipeline run shared by the end-to-end tests."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def tree_digest(path: Path) -> str:
    """Content hash of a file, or of every file (with its relative path) under a folder: "byte-identical"."""
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        digest.update(file.relative_to(path if path.is_dir() else path.parent).as_posix().encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def onstrategy_command() -> list[str]:
    script = Path(sys.executable).with_name("onstrategy")
    return [str(script)] if script.exists() else [sys.executable, "-m", "onstrategy.cli"]


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    """Run the real console script, as a user would."""
    return subprocess.run([*onstrategy_command(), *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, check=False)


@dataclass(frozen=True)
class PipelineRun:
    landing: Path
    strategy: Path
    warehouse: Path
    site_dir: Path
    result: subprocess.CompletedProcess


def session_shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every pytest-xdist worker of this session sees (the parent of the workers' own base temps)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if base.name.startswith("popen-gw") else base


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> PipelineRun:
    """The demo landing zone at a small scale, run end to end through the CLI once per test session.

    Under pytest-xdist the workers share one run: the first to take the lock runs the pipeline, the others wait
    and reuse its outputs (a pipeline run is the slowest fixture of the suite).
    """
    shared_root = session_shared_dir(tmp_path_factory)
    root = shared_root / "demo_run"
    with FileLock(str(shared_root / "demo_run.lock")):
        done = root / "result.json"
        if not done.exists():
            root.mkdir(parents=True, exist_ok=True)
            result = _run_demo_pipeline(root)
            done.write_text(json.dumps({"args": result.args, "returncode": result.returncode,
                                        "stdout": result.stdout, "stderr": result.stderr}), encoding="utf-8")
        saved = json.loads(done.read_text(encoding="utf-8"))
    result = subprocess.CompletedProcess(saved["args"], saved["returncode"], saved["stdout"], saved["stderr"])
    assert result.returncode == 0, f"run failed:\n{result.stdout}\n{result.stderr}"
    return PipelineRun(root / "landing", PROJECT_ROOT / "strategy.yml", root / "warehouse.duckdb", root / "site",
                       result)


def _run_demo_pipeline(root: Path) -> subprocess.CompletedProcess:
    landing, warehouse, site_dir = root / "landing", root / "warehouse.duckdb", root / "site"
    generated = run_cli("demo", "--out", str(landing), "--scale", "0.1", "--seed", "7")
    assert generated.returncode == 0, generated.stderr
    result = run_cli("run", "--landing", str(landing), "--strategy", str(PROJECT_ROOT / "strategy.yml"),
                     "--warehouse", str(warehouse), "--site-dir", str(site_dir))
    if result.returncode == 0 and site_dir.exists():
        shutil.copytree(site_dir, ARTIFACTS / "demo-site", dirs_exist_ok=True)
    return result
