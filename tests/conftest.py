"""Shared fixtures: the `onstrategy` command and a small demo pipeline run shared by the end-to-end tests."""

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


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


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> PipelineRun:
    """The demo landing zone at a small scale, run end to end through the CLI once per test session."""
    root = tmp_path_factory.mktemp("demo_run")
    landing, warehouse, site_dir = root / "landing", root / "warehouse.duckdb", root / "site"
    strategy = PROJECT_ROOT / "strategy.yml"
    generated = run_cli("demo", "--out", str(landing), "--scale", "0.1", "--seed", "7")
    assert generated.returncode == 0, generated.stderr
    result = run_cli("run", "--landing", str(landing), "--strategy", str(strategy), "--warehouse", str(warehouse),
                     "--site-dir", str(site_dir))
    assert result.returncode == 0, f"run failed:\n{result.stdout}\n{result.stderr}"
    if site_dir.exists():
        shutil.copytree(site_dir, ARTIFACTS / "demo-site", dirs_exist_ok=True)
    return PipelineRun(landing, strategy, warehouse, site_dir, result)
