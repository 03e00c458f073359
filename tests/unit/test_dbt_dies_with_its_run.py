"""onstrategy-dbt: the dbt a run starts dies with the process that announced itself as its parent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from onstrategy.run.children import PARENT_PID_ENV, WRAPPER_NAME, announce_parent, expected_parent

WRAPPER = Path(sys.executable).with_name(WRAPPER_NAME)
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or not WRAPPER.exists(),
                                reason="onstrategy-dbt is installed on Linux")


def _wrapper(env_parent: str | None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != PARENT_PID_ENV}
    if env_parent is not None:
        env[PARENT_PID_ENV] = env_parent
    return subprocess.run([str(WRAPPER), "--version"], env=env, capture_output=True, text=True, timeout=120)


def test_a_wrapper_whose_announced_parent_is_gone_never_starts_dbt() -> None:
    """The race the announcement closes: the run was killed while the wrapper's Python started, so the wrapper's
    parent is now someone else (init, or this test's process standing in for it)."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    result = _wrapper(gone)
    assert result.returncode == 1
    assert "Core" not in result.stdout  # dbt --version never ran


def test_a_wrapper_started_by_its_announced_parent_becomes_dbt() -> None:
    result = _wrapper(str(os.getpid()))
    assert result.returncode == 0, result.stderr
    assert "Core" in result.stdout


def test_without_an_announcement_the_wrapper_trusts_the_parent_it_has() -> None:
    assert _wrapper(None).returncode == 0


def test_announce_parent_names_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PARENT_PID_ENV, raising=False)
    assert expected_parent() == os.getppid()
    announce_parent()
    assert os.environ[PARENT_PID_ENV] == str(os.getpid())
    assert expected_parent() == os.getpid()
