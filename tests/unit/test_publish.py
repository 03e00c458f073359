"""Atomic publication: readers keep the file they opened; the site folder is replaced whole."""

from pathlib import Path

import duckdb

from onstrategy.publish import new_site_build_dir, publish_site, publish_warehouse, stage_warehouse


def _warehouse(path: Path, value: int) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("create or replace table t as select ? as v", [value])
    return path


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
