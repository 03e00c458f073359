"""The dbt docs page is regenerated only when the dbt project or the strategy changed (an incremental run reuses it)."""

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from onstrategy.defs import site as site_asset
from onstrategy.errors import OnstrategyError


def _earlier_docs(tmp_path: Path) -> tuple[Path, Path]:
    """A work warehouse path whose earlier run left a docs page generated under the key 'project-1 strategy-1'."""
    work = tmp_path / "w.duckdb.work"
    folder = work.with_name(work.name + ".dbt") / "docs"
    folder.mkdir(parents=True)
    (folder / "static_index.html").write_text("old page", encoding="utf-8")
    (folder / "reuse_key.txt").write_text("project-1 strategy-1", encoding="utf-8")
    return work, folder


def _fake_dbt(calls: list[list[str]], writes: str | None, returncode: int = 0) -> Any:
    def run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess:
        calls.append(command)
        target = Path(command[command.index("--target-path") + 1])
        assert not (target / "static_index.html").exists(), "a stale page must be gone before dbt runs"
        if writes is not None:
            (target / "static_index.html").write_text(writes, encoding="utf-8")
        return subprocess.CompletedProcess(command, returncode, "", "boom" if returncode else "")

    return run


def test_same_key_reuses_the_page_without_running_dbt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work, _docs = _earlier_docs(tmp_path)
    calls: list[list[str]] = []
    monkeypatch.setattr(site_asset.subprocess, "run", _fake_dbt(calls, "new page"))

    page, reused = site_asset.generate_dbt_docs(work, "project-1 strategy-1")

    assert (reused, calls, page.read_text(encoding="utf-8")) == (True, [], "old page")


def test_another_key_regenerates_and_remembers_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work, docs = _earlier_docs(tmp_path)
    calls: list[list[str]] = []
    monkeypatch.setattr(site_asset.subprocess, "run", _fake_dbt(calls, "new page"))

    page, reused = site_asset.generate_dbt_docs(work, "project-2 strategy-1")

    assert (reused, len(calls), page.read_text(encoding="utf-8")) == (False, 1, "new page")
    assert calls[0][1:3] == ["docs", "generate"]
    assert (docs / "reuse_key.txt").read_text(encoding="utf-8") == "project-2 strategy-1"


def test_a_failed_generation_is_not_reused_later(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work, docs = _earlier_docs(tmp_path)
    monkeypatch.setattr(site_asset.subprocess, "run", _fake_dbt([], None, returncode=2))

    with pytest.raises(OnstrategyError, match="dbt docs generate failed"):
        site_asset.generate_dbt_docs(work, "project-2 strategy-1")

    assert not (docs / "reuse_key.txt").exists()
    assert not (docs / "static_index.html").exists()


def test_the_key_follows_the_strategy_file(tmp_path: Path) -> None:
    strategy = tmp_path / "strategy.yml"
    strategy.write_text("a: 1\n", encoding="utf-8")
    first = site_asset.docs_reuse_key(strategy)
    strategy.write_text("a: 2\n", encoding="utf-8")
    assert site_asset.docs_reuse_key(strategy) != first
    assert first.startswith(site_asset.LOADED_PROJECT_FINGERPRINT)


def test_the_build_manifest_is_reused_without_compiling_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work, docs = _earlier_docs(tmp_path)
    build_target = work.with_name(work.name + ".dbt") / "target"
    build_target.mkdir()
    compiled = {"metadata": {"send_anonymous_usage_stats": True},
                "nodes": {"model.onstrategy.fct_bookings": {"compiled_code": "select 1"}}}
    (build_target / "manifest.json").write_text(json.dumps(compiled), encoding="utf-8")
    calls: list[list[str]] = []
    monkeypatch.setattr(site_asset.subprocess, "run", _fake_dbt(calls, "new page"))

    site_asset.generate_dbt_docs(work, "project-2 strategy-1")

    assert "--no-compile" in calls[0]
    embedded = json.loads((docs / "manifest.json").read_text(encoding="utf-8"))
    # the page embeds this manifest: with usage stats on it would load a tracker from a CDN
    assert embedded["metadata"]["send_anonymous_usage_stats"] is False
    assert embedded["nodes"] == compiled["nodes"]


def test_without_a_build_manifest_dbt_compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work, docs = _earlier_docs(tmp_path)
    (docs / "manifest.json").write_text("{}", encoding="utf-8")  # a stale one from an earlier generation
    calls: list[list[str]] = []
    monkeypatch.setattr(site_asset.subprocess, "run", _fake_dbt(calls, "new page"))

    site_asset.generate_dbt_docs(work, "project-2 strategy-1")

    assert "--no-compile" not in calls[0]
    assert not (docs / "manifest.json").exists()
