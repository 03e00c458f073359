"""Atomic publication of the warehouse and the site.

A run builds everything in private files and swaps them in only at the end, when every asset and blocking check
succeeded. The warehouse is copied to a temporary file beside the published one and renamed over it
(`os.replace` is atomic): RevOps readers that hold the old file keep reading it, new connections see the new one.
The site folder is swapped with two renames, keeping the old folder until the new one is in place.
"""

import os
import shutil
import uuid
from pathlib import Path

import duckdb


def publish_warehouse(work: Path, published: Path) -> None:
    """Checkpoint the work warehouse, then copy it beside `published` and rename it over it."""
    staged = stage_warehouse(work, published)
    try:
        os.replace(staged, published)
    finally:
        staged.unlink(missing_ok=True)


def stage_warehouse(work: Path, published: Path) -> Path:
    """Checkpoint the work warehouse and copy it, synced to disk, to a hidden file beside `published`; returns it.

    The first half of publish_warehouse, for a caller that copies while it does other work (the site asset copies
    while it renders pages) and renames the copy over `published` (`os.replace`) only once everything succeeded.
    Needs the work warehouse free of writers; nothing may write to it until the copy is done.
    """
    con = duckdb.connect(str(work))
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    published.parent.mkdir(parents=True, exist_ok=True)
    staged = published.with_name(f".{published.name}.{uuid.uuid4().hex}.publishing")
    try:
        shutil.copyfile(work, staged)
        with staged.open("rb") as handle:
            os.fsync(handle.fileno())
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return staged


def new_site_build_dir(site_dir: Path) -> Path:
    """A fresh, empty folder beside `site_dir` to build the next site into."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return site_dir.with_name(f".{site_dir.name}.{uuid.uuid4().hex}.building")


def publish_site(built: Path, site_dir: Path) -> None:
    """Put the finished build at `site_dir`, removing the previous site only once the new one is in place."""
    previous = site_dir.with_name(f".{site_dir.name}.{uuid.uuid4().hex}.previous")
    if site_dir.exists():
        os.replace(site_dir, previous)
    os.replace(built, site_dir)
    shutil.rmtree(previous, ignore_errors=True)


def discard(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
