"""The site built by several processes (onstrategy_site.shards) is the site one process builds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from onstrategy.errors import OnstrategyError
from onstrategy_site import build_site, shards
from onstrategy_site.shards import ENV_PROCESSES, shard_count
from tests.synthetic_warehouse import create_synthetic_warehouse

ROOT = Path(__file__).resolve().parents[2]
STRATEGY = ROOT / "strategy.yml"
# DuckDB sums floats in parallel, so two runs of one query can differ in the last bits of a share; the sort keys
# of the tables carry them. Compared to 9 significant digits; everything else byte for byte.
RAW_SORT_KEY = re.compile(rb'data-v="(-?[0-9.e+-]+)"')


def _normalised(data: bytes) -> bytes:
    return RAW_SORT_KEY.sub(lambda m: b'data-v="%.9g"' % float(m.group(1)), data)


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_synthetic_warehouse(tmp_path_factory.mktemp("shards") / "wh.duckdb", reps=30, evil_names=True)


def _build(warehouse: Path, out: Path, processes: int, monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.setenv(ENV_PROCESSES, str(processes))
    monkeypatch.setattr(shards, "MIN_PAGES_PER_SHARD", 5)  # shard even this small site
    return build_site(warehouse, out, STRATEGY)


def test_three_processes_build_the_same_site_as_one(warehouse, tmp_path, monkeypatch):
    one = _build(warehouse, tmp_path / "one", 1, monkeypatch)
    three = _build(warehouse, tmp_path / "three", 3, monkeypatch)
    assert {k: v for k, v in one.items() if "seconds" not in k and k != "out_dir"} == \
        {k: v for k, v in three.items() if "seconds" not in k and k != "out_dir"}
    assert three["rep_pages"] == 30
    a, b = _files(tmp_path / "one"), _files(tmp_path / "three")
    assert sorted(a) == sorted(b)
    differing = [name for name in a if _normalised(a[name]) != _normalised(b[name])]
    assert differing == []
    # every page in the search index, each once and in mkdocs' order
    index = json.loads(b["search/search_index.json"])
    pages = [d["location"].split("#")[0] for d in index["docs"] if "#" not in d["location"]]
    assert len(pages) == len(set(pages)) == one["pages"]
    assert b["search/search_index.js"] == b"var __index = " + b["search/search_index.json"]


def test_a_failing_shard_fails_the_build_with_its_error(warehouse, tmp_path, monkeypatch):
    from onstrategy_site import build as site_build

    real = site_build.render_and_build

    def fail_in_a_shard(builder, out_dir):
        if builder.shard == 1:
            raise RuntimeError("template broke in shard 1")
        return real(builder, out_dir)

    monkeypatch.setattr(site_build, "render_and_build", fail_in_a_shard)
    expected = r"^site shard 1: the build failed: RuntimeError: template broke in shard 1$"
    with pytest.raises(OnstrategyError, match=expected):
        _build(warehouse, tmp_path / "out", 2, monkeypatch)


@pytest.mark.parametrize(("pages", "env", "expected"), [
    (10_000, {ENV_PROCESSES: "2"}, 2),
    (10_000, {ENV_PROCESSES: "1"}, 1),
    (300, {ENV_PROCESSES: "4"}, 1),       # 250 pages per shard at least: one process
    (1_000, {ENV_PROCESSES: "8"}, 4),
    (0, {ENV_PROCESSES: "2"}, 1),
])
def test_shard_count(pages, env, expected):
    assert shard_count(pages, env) == expected


def test_shard_count_rejects_a_bad_setting():
    with pytest.raises(OnstrategyError, match=f"{ENV_PROCESSES}='two'"):
        shard_count(1_000, {ENV_PROCESSES: "two"})
