"""Atomic publication of the warehouse and the site, as a pair.

A run builds everything in private files and swaps them in only at the end, when every asset and blocking check
succeeded. The warehouse is copied to a temporary file beside the published one and renamed over it
(`os.replace` is atomic): RevOps readers that hold the old file keep reading it, new connections see the new one.
The site folder is swapped with two renames, keeping the old folder until the new one is in place; if the
warehouse then cannot be renamed, the old site goes back. Only what onstrategy built is ever replaced
(onstrategy.publish.guard checks again right before the swap).
"""

import errno
import mmap
import os
import shutil
import uuid
from pathlib import Path

import duckdb

from onstrategy.errors import OnstrategyError
from onstrategy.publish.guard import check_site_replaceable, check_warehouse_replaceable

# Names of the hidden files a run writes beside the published ones: `.<name>.<uuid><suffix>`.
SITE_BUILD_SUFFIX = ".building"
SITE_PREVIOUS_SUFFIX = ".previous"
WAREHOUSE_STAGED_SUFFIX = ".publishing"


def stage_warehouse(work: Path, published: Path) -> Path:
    """Checkpoint the work warehouse and copy it, synced to disk, to a hidden file beside `published`; returns it.

    The site asset copies while it renders pages, and `publish` renames the copy over `published` only once
    everything succeeded. Needs the work warehouse free of writers; nothing may write to it until the copy is done.
    """
    con = duckdb.connect(str(work))
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    published.parent.mkdir(parents=True, exist_ok=True)
    staged = published.with_name(f".{published.name}.{uuid.uuid4().hex}{WAREHOUSE_STAGED_SUFFIX}")
    try:
        copy_durably(work, staged)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return staged


COPY_CHUNK_BYTES = 64 << 20


def copy_durably(source: Path, target: Path, chunk_bytes: int = COPY_CHUNK_BYTES) -> None:
    """Copy `source` to `target` (created or truncated) and have every byte on disk when it returns.

    With direct I/O (`O_DIRECT`: disk to memory to disk, past the page cache) where the platform and the file
    system allow it, else through the page cache one chunk at a time. The copy runs while the site's renderers
    use both cores, so what it costs them matters more than its own time: direct I/O takes almost no CPU
    (docs/decisions.md).
    """
    if not _copy_direct(source, target, chunk_bytes):
        _copy_through_cache(source, target, chunk_bytes)


# O_DIRECT needs offsets, lengths and the memory buffer aligned to the device's logical block: 4096 covers them all.
DIRECT_IO_ALIGNMENT = 4096


def _copy_direct(source: Path, target: Path, chunk_bytes: int) -> bool:
    """Copy with O_DIRECT and fsync; False, having copied nothing that counts, where direct I/O is refused (no
    O_DIRECT on the platform, or EINVAL from a file system without it, such as tmpfs)."""
    direct = getattr(os, "O_DIRECT", 0)
    if not direct or chunk_bytes % DIRECT_IO_ALIGNMENT:
        return False
    try:
        aligned, size = _copy_aligned_part(source, target, chunk_bytes, direct)
    except OSError as exc:
        if exc.errno != errno.EINVAL:
            raise
        return False
    # the tail after the last whole block (none in a DuckDB file, whose size is whole blocks) goes through the cache
    with source.open("rb") as reader, target.open("r+b") as writer:
        if aligned < size:
            _write_all(writer.fileno(), os.pread(reader.fileno(), size - aligned, aligned), aligned)
        os.fsync(writer.fileno())
    return True


def _copy_aligned_part(source: Path, target: Path, chunk_bytes: int, direct: int) -> tuple[int, int]:
    """Copy the whole 4096-byte blocks of `source` into `target` (created or truncated) with direct I/O; returns the
    bytes copied and the size of `source`."""
    reader = os.open(source, os.O_RDONLY | direct)
    try:
        writer = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | direct, 0o644)
        try:
            size = os.fstat(reader).st_size
            aligned = size - size % DIRECT_IO_ALIGNMENT
            # anonymous memory is page-aligned, as O_DIRECT needs
            with mmap.mmap(-1, chunk_bytes) as buffer, memoryview(buffer) as whole:
                offset = 0
                while offset < aligned:
                    length = min(chunk_bytes, aligned - offset)
                    with whole[:length] as view:
                        read = os.preadv(reader, [view], offset)
                        if read < length:
                            raise _ended_early(source, offset + read, size)
                        _write_all(writer, view, offset)
                    offset += length
            return aligned, size
        finally:
            os.close(writer)
    finally:
        os.close(reader)


def _ended_early(source: Path, offset: int, size: int) -> OSError:
    return OSError(errno.EIO, f"{source} ended at byte {offset:,} while being copied (size {size:,})")


def _write_all(fd: int, data: bytes | memoryview, offset: int) -> None:
    written = 0
    while written < len(data):
        written += os.pwrite(fd, data[written:], offset + written)


def _copy_through_cache(source: Path, target: Path, chunk_bytes: int) -> None:
    """Copy through the page cache one chunk at a time: each is written, synced and dropped from the cache before
    the next. A plain copy of a multi-GB warehouse followed by one fsync fills the page cache with dirty pages, and
    the kernel then throttles every writer on the machine until they are on disk; the site's renderers, which write
    thousands of pages at the same time, stalled on it; chunk by chunk, the copy slows them far less
    (docs/decisions.md).
    """
    with source.open("rb") as reader, target.open("wb") as writer:
        size = os.fstat(reader.fileno()).st_size
        offset = 0
        while offset < size:
            copied = _copy_range(reader.fileno(), writer.fileno(), offset, min(chunk_bytes, size - offset))
            if copied == 0:
                raise _ended_early(source, offset, size)
            os.fdatasync(writer.fileno())
            _drop_from_cache(writer.fileno(), offset, copied)
            offset += copied
        os.fsync(writer.fileno())  # the file's size and metadata too


def _copy_range(source_fd: int, target_fd: int, offset: int, length: int) -> int:
    """Copy up to `length` bytes at `offset` (same offset in both files), in the kernel where it can."""
    if hasattr(os, "copy_file_range"):  # Linux
        try:
            return os.copy_file_range(source_fd, target_fd, length, offset, offset)
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM):
                raise
    data = os.pread(source_fd, length, offset)
    _write_all(target_fd, data, offset)
    return len(data)


def _drop_from_cache(fd: int, offset: int, length: int) -> None:
    """Tell the kernel the copied (and synced) range will not be read soon; a no-op where that cannot be said."""
    if hasattr(os, "posix_fadvise"):
        os.posix_fadvise(fd, offset, length, os.POSIX_FADV_DONTNEED)


def new_site_build_dir(site_dir: Path) -> Path:
    """A fresh, empty folder beside `site_dir` to build the next site into."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return site_dir.with_name(f".{site_dir.name}.{uuid.uuid4().hex}{SITE_BUILD_SUFFIX}")


def publish(staged_warehouse: Path, warehouse: Path, built_site: Path, site_dir: Path) -> None:
    """Swap the built site and the staged warehouse copy in, together: both, or neither.

    Each is checked again first (only what onstrategy built is ever replaced, onstrategy.publish.guard). The site goes
    first (two renames, the old folder kept aside); then the warehouse (one atomic rename). If the warehouse cannot
    be renamed, the old site is put back, so a failed publication leaves both as they were."""
    check_site_replaceable(site_dir)
    check_warehouse_replaceable(warehouse, "warehouse")
    previous = _swap_site_in(built_site, site_dir)
    try:
        _os_step(os.replace, staged_warehouse, warehouse, "replace the warehouse")
    except BaseException:
        _put_site_back(previous, site_dir, built_site)
        raise
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def publish_site(built: Path, site_dir: Path) -> None:
    """Put the finished build at `site_dir`, removing the previous site only once the new one is in place."""
    check_site_replaceable(site_dir)
    previous = _swap_site_in(built, site_dir)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def _swap_site_in(built: Path, site_dir: Path) -> Path | None:
    """Rename the old site aside and the build into place; returns where the old site went (None: there was none).
    On failure nothing has changed."""
    previous = site_dir.with_name(f".{site_dir.name}.{uuid.uuid4().hex}{SITE_PREVIOUS_SUFFIX}")
    if not os.path.lexists(site_dir):
        _os_step(os.replace, built, site_dir, "publish the site")
        return None
    _os_step(os.replace, site_dir, previous, "move the previous site aside")
    try:
        _os_step(os.replace, built, site_dir, "publish the site")
    except BaseException:
        os.replace(previous, site_dir)
        raise
    return previous


def _put_site_back(previous: Path | None, site_dir: Path, built: Path) -> None:
    """Undo _swap_site_in: the new site back to `built`, the old one (if any) back to `site_dir`."""
    os.replace(site_dir, built)
    if previous is not None:
        os.replace(previous, site_dir)


def _os_step(step, source: Path, target: Path, what: str) -> None:
    """One rename, its failure as one line naming both paths."""
    try:
        step(source, target)
    except OSError as exc:
        raise OnstrategyError(f"{target}: cannot {what} ({exc.strerror or exc}; from {source}); the published "
                              "warehouse and site were left as they were") from None


def discard(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
