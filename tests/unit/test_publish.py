"""Atomic publication: readers keep the file they opened; the site folder is replaced whole."""

import errno
import os
from pathlib import Path

import duckdb
import pytest

from onstrategy.errors import OnstrategyError
from onstrategy.publish import atomic as publish
from onstrategy.publish.atomic import copy_durably, new_site_build_dir, publish_site, stage_warehouse
from onstrategy.publish.guard import mark_warehouse, write_site_marker


def _warehouse(path: Path, value: int) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("create or replace table t as select ? as v", [value])
        mark_warehouse(con)
    return path


def publish_warehouse(work: Path, published: Path) -> None:
    os.replace(stage_warehouse(work, published), published)


def _site(folder: Path, page: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(page)
    write_site_marker(folder)
    return folder


def _value(warehouse: Path) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("select v from t").fetchone()[0]


def test_warehouse_and_site_are_published_together(tmp_path: Path) -> None:
    warehouse, site, staged, build = _published_pair_and_next(tmp_path)
    publish.publish(staged, warehouse, build, site)
    assert _value(warehouse) == 2 and (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "w.duckdb", "w.duckdb.work"]


def _replace_failing_for(monkeypatch: pytest.MonkeyPatch, fails, code: int, text: str) -> None:
    """os.replace as the publisher sees it, failing with `code` for the renames `fails(source, target)` picks."""
    real_replace = os.replace

    def replace(source, target):
        if fails(Path(source), Path(target)):
            raise OSError(code, text)
        real_replace(source, target)

    monkeypatch.setattr(publish.os, "replace", replace)


def _published_pair_and_next(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """A published warehouse (v 1) and site ("old"), and the next run's staged warehouse (v 2) and site build."""
    warehouse, site = _warehouse(tmp_path / "w.duckdb", 1), _site(tmp_path / "site", "old")
    staged = stage_warehouse(_warehouse(tmp_path / "w.duckdb.work", 2), warehouse)
    return warehouse, site, staged, _site(new_site_build_dir(site), "new")


def test_a_site_that_cannot_be_swapped_leaves_the_warehouse_as_it_was(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    warehouse, site, staged, build = _published_pair_and_next(tmp_path)
    # a mount point, or a folder another program holds on some systems
    _replace_failing_for(monkeypatch, lambda source, _: source == site, errno.EBUSY, "Device or resource busy")
    with pytest.raises(OnstrategyError, match=f"^{tmp_path}/.site.*: cannot move the previous site aside \\(Device"):
        publish.publish(staged, warehouse, build, site)
    assert _value(warehouse) == 1 and (site / "index.html").read_text() == "old"


def test_a_warehouse_that_cannot_be_renamed_puts_the_old_site_back(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    warehouse, site, staged, build = _published_pair_and_next(tmp_path)
    _replace_failing_for(monkeypatch, lambda _, target: target == warehouse, errno.EIO, "Input/output error")
    with pytest.raises(OnstrategyError, match="cannot replace the warehouse"):
        publish.publish(staged, warehouse, build, site)
    assert _value(warehouse) == 1
    assert (site / "index.html").read_text() == "old" and (build / "index.html").read_text() == "new"


def test_reader_keeps_the_old_warehouse_while_new_one_is_published(tmp_path: Path) -> None:
    published = _warehouse(tmp_path / "w.duckdb", 1)
    reader = duckdb.connect(str(published), read_only=True)
    try:
        publish_warehouse(_warehouse(tmp_path / "w.duckdb.work", 2), published)
        assert reader.execute("select v from t").fetchone() == (1,)
    finally:
        reader.close()
    with duckdb.connect(str(published), read_only=True) as fresh:
        assert fresh.execute("select v from t").fetchone() == (2,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb", "w.duckdb.work"]


def test_site_swap_replaces_the_folder_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    write_site_marker(site)  # a site onstrategy built: a folder without the marker is never replaced
    build = new_site_build_dir(site)
    build.mkdir()
    (build / "index.html").write_text("new")
    publish_site(build, site)
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_first_publication_without_previous_site(tmp_path: Path) -> None:
    site = tmp_path / "nested" / "site"
    build = new_site_build_dir(site)
    build.mkdir()
    (build / "index.html").write_text("new")
    publish_site(build, site)
    assert (site / "index.html").read_text() == "new"


def test_a_staged_copy_is_not_published_until_renamed(tmp_path: Path) -> None:
    published = _warehouse(tmp_path / "w.duckdb", 1)
    staged = stage_warehouse(_warehouse(tmp_path / "w.duckdb.work", 2), published)
    assert staged.parent == tmp_path and staged.name.startswith(".w.duckdb.")
    with duckdb.connect(str(published), read_only=True) as reader:
        assert reader.execute("select v from t").fetchone() == (1,)
    with duckdb.connect(str(staged), read_only=True) as copy:
        assert copy.execute("select v from t").fetchone() == (2,)


def _random_file(path: Path, size: int) -> bytes:
    data = os.urandom(size)
    path.write_bytes(data)
    return data


def _without_direct_io(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a platform without O_DIRECT: the copy goes through the page cache."""
    monkeypatch.delattr(os, "O_DIRECT", raising=False)


def _direct_io_works(folder: Path) -> bool:
    probe = folder / "o_direct_probe"
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | getattr(os, "O_DIRECT", 0), 0o644))
    except OSError:
        return False
    return hasattr(os, "O_DIRECT")


def test_durable_copy_goes_past_the_page_cache_where_it_can(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not _direct_io_works(tmp_path):
        pytest.skip(f"{tmp_path}: this file system refuses O_DIRECT (the fallback is tested below)")
    data = _random_file(tmp_path / "source", 5 * 4096 + 123)  # two whole chunks, a short one, and an unaligned tail
    target = tmp_path / "target"
    target.write_bytes(b"x" * 100_000)  # longer than the source: must be truncated
    direct_opens: list[str] = []
    real_open = os.open

    def recording_open(path: object, flags: int, *args: object) -> int:
        if flags & os.O_DIRECT:
            direct_opens.append(Path(str(path)).name)
        return real_open(path, flags, *args)

    def not_through_the_cache(*_args: object) -> int:
        raise AssertionError("copied through the page cache")

    monkeypatch.setattr(os, "open", recording_open)
    monkeypatch.setattr(publish, "_copy_range", not_through_the_cache)
    copy_durably(tmp_path / "source", target, chunk_bytes=2 * 4096)
    assert target.read_bytes() == data
    assert direct_opens == ["source", "target"]


def test_durable_copy_falls_back_when_direct_io_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _random_file(tmp_path / "source", 3 * 4096 + 5)
    real_open = os.open
    refused: list[int] = []

    def no_direct_io(path: object, flags: int, *args: object) -> int:
        if flags & getattr(os, "O_DIRECT", 0):
            refused.append(flags)
            raise OSError(errno.EINVAL, "Invalid argument")  # what a file system without O_DIRECT answers
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", no_direct_io)
    copy_durably(tmp_path / "source", tmp_path / "target", chunk_bytes=4096)
    assert (tmp_path / "target").read_bytes() == data
    assert refused or not hasattr(os, "O_DIRECT")


def test_direct_copy_of_a_file_that_shrinks_fails_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not _direct_io_works(tmp_path):
        pytest.skip(f"{tmp_path}: this file system refuses O_DIRECT")
    _random_file(tmp_path / "source", 3 * 4096)
    monkeypatch.setattr(os, "preadv", lambda *_args: 4096)  # every read short: the file ended early
    with pytest.raises(OSError, match=r"source ended at byte 4,096 while being copied \(size 12,288\)"):
        copy_durably(tmp_path / "source", tmp_path / "target", chunk_bytes=2 * 4096)


def test_durable_copy_is_byte_identical_and_synced_chunk_by_chunk(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _without_direct_io(monkeypatch)
    data = _random_file(tmp_path / "source", 3 * 4096 + 123)  # three whole chunks and a tail
    target = tmp_path / "target"
    target.write_bytes(b"x" * 100_000)  # longer than the source: must be truncated
    synced: list[int] = []
    real_fdatasync = os.fdatasync
    monkeypatch.setattr(os, "fdatasync", lambda fd: (synced.append(fd), real_fdatasync(fd))[1])
    copy_durably(tmp_path / "source", target, chunk_bytes=4096)
    assert target.read_bytes() == data
    assert len(synced) == 4  # one sync per chunk: the dirty pages never exceed a chunk


def test_durable_copy_falls_back_to_read_and_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _random_file(tmp_path / "source", 10_000)

    def cross_device(*_args: object) -> int:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    _without_direct_io(monkeypatch)
    monkeypatch.setattr(os, "copy_file_range", cross_device, raising=False)
    copy_durably(tmp_path / "source", tmp_path / "target", chunk_bytes=4096)
    assert (tmp_path / "target").read_bytes() == data


def test_durable_copy_of_a_file_that_shrinks_fails_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _without_direct_io(monkeypatch)
    _random_file(tmp_path / "source", 10_000)
    monkeypatch.setattr(publish, "_copy_range", lambda *_args: 0)  # as if the file ended early
    with pytest.raises(OSError, match=r"source ended at byte 0 while being copied \(size 10,000\)"):
        copy_durably(tmp_path / "source", tmp_path / "target")


def test_durable_copy_of_an_empty_file(tmp_path: Path) -> None:
    (tmp_path / "source").write_bytes(b"")
    copy_durably(tmp_path / "source", tmp_path / "target")
    assert (tmp_path / "target").read_bytes() == b""
