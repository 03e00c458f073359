"""The dbt manifest Dagster loads at import is re-parsed whenever the project's files differ from its parse."""

import os
import subprocess
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from onstrategy.transform import project as dbt_manifest


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "a.sql").write_text("select 1")
    manifest = tmp_path / "target" / "manifest.json"
    monkeypatch.setattr(dbt_manifest, "PROJECT_ROOT", tmp_path)
    monkeypatch.setattr(dbt_manifest, "dbt_project", SimpleNamespace(manifest_path=manifest))
    state = SimpleNamespace(save_during_parse=False, parses=[], manifest=manifest, root=tmp_path, parse_seconds=0.0,
                            parsing=0, most_parsing_at_once=0)

    def fake_parse(command: list[str], **_: object) -> subprocess.CompletedProcess:
        state.parses.append(command)
        state.parsing += 1
        state.most_parsing_at_once = max(state.most_parsing_at_once, state.parsing)
        time.sleep(state.parse_seconds)
        state.parsing -= 1
        manifest.parent.mkdir(exist_ok=True)
        if state.save_during_parse:  # someone saves a model while dbt is reading the project
            (tmp_path / "models" / "b.sql").write_text("select 2")
        manifest.write_text("{}")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(dbt_manifest.subprocess, "run", fake_parse)
    return state


def test_parses_once_then_trusts_a_current_manifest(project: SimpleNamespace) -> None:
    dbt_manifest.ensure_manifest()
    dbt_manifest.ensure_manifest()
    assert len(project.parses) == 1
    assert dbt_manifest.manifest_is_current(project.manifest)


def test_concurrent_callers_take_turns_and_parse_once(project: SimpleNamespace) -> None:
    # Each thread opens the lock file itself, so flock excludes them as it excludes two processes.
    project.parse_seconds = 0.3
    callers = [threading.Thread(target=dbt_manifest.ensure_manifest) for _ in range(3)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    assert project.most_parsing_at_once == 1
    assert len(project.parses) == 1  # the others waited, then found the manifest current
    assert dbt_manifest.manifest_is_current(project.manifest)


def test_a_file_saved_during_the_parse_makes_the_manifest_stale(project: SimpleNamespace) -> None:
    project.save_during_parse = True
    dbt_manifest.ensure_manifest()
    assert not dbt_manifest.manifest_is_current(project.manifest)
    project.save_during_parse = False
    dbt_manifest.ensure_manifest()
    assert len(project.parses) == 2
    assert dbt_manifest.manifest_is_current(project.manifest)


def test_an_edit_with_an_old_timestamp_is_still_seen(project: SimpleNamespace) -> None:
    """Files restored by tar or `cp -p` keep their old modification times."""
    dbt_manifest.ensure_manifest()
    model = project.root / "models" / "a.sql"
    old = time.time() - 86_400
    model.write_text("select 3")
    os.utime(model, (old, old))
    assert not dbt_manifest.manifest_is_current(project.manifest)
    dbt_manifest.ensure_manifest()
    assert len(project.parses) == 2


def test_a_removed_file_makes_the_manifest_stale(project: SimpleNamespace) -> None:
    dbt_manifest.ensure_manifest()
    (project.root / "models" / "a.sql").unlink()
    assert not dbt_manifest.manifest_is_current(project.manifest)
