"""Build a big site on several cores: the entity pages (one per rep, team, ...) split into shards, each rendered and
built by mkdocs in its own forked process, the outputs merged into one site identical to a one-process build.

Why fork: a shard needs everything the site's queries returned; a forked child has it for free, where a spawned
one would unpickle it first. The child only renders Jinja templates and runs mkdocs (pure Python, no warehouse),
writes into its own folder and leaves with `os._exit`, so it never returns into the caller's stack.
Shard 0 is the calling process itself and builds every page that is not an entity page; the other shards write
stand-ins of the navigation pages (the theme renders the same navigation around every page from them) and hand
back only their entity pages and their search index entries.
"""

from __future__ import annotations

import json
import logging
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from onstrategy.errors import OnstrategyError

# ONSTRATEGY_SITE_PROCESSES=1 builds in one process; unset, one process per core (at most MAX_PROCESSES).
ENV_PROCESSES = "ONSTRATEGY_SITE_PROCESSES"
MAX_PROCESSES = 4
# Forking and starting mkdocs once more have a fixed cost: worth it only with this many entity pages per shard.
MIN_PAGES_PER_SHARD = 250

SEARCH_INDEX = PurePosixPath("search") / "search_index.json"
PAGES_FILE = "pages.json"
ERROR_FILE = "error.txt"
LOG_FILE = "mkdocs.log"


def shard_count(entity_pages: int, environ: dict[str, str] | None = None) -> int:
    """How many processes build the site: one per core (or ONSTRATEGY_SITE_PROCESSES), fewer for a small site."""
    env = os.environ if environ is None else environ
    raw = env.get(ENV_PROCESSES, "").strip()
    if raw:
        if not raw.isdigit() or int(raw) < 1:
            raise OnstrategyError(f"{ENV_PROCESSES}={raw!r}: expected a whole number of processes, 1 or more")
        processes = int(raw)
    else:
        processes = min(os.cpu_count() or 1, MAX_PROCESSES)
    return max(1, min(processes, entity_pages // MIN_PAGES_PER_SHARD))


@dataclass
class ForkedShard:
    """A shard building in a child process, into `folder` (its site in `folder/site`)."""

    index: int
    folder: Path
    pid: int
    reaped: bool = field(default=False)

    @property
    def site(self) -> Path:
        return self.folder / "site"

    def wait(self) -> list[str]:
        """Wait for the child; return its entity pages (Markdown paths), or raise with its error."""
        _, status = os.waitpid(self.pid, 0)
        self.reaped = True
        code = os.waitstatus_to_exitcode(status)
        for line in _read(self.folder / LOG_FILE).splitlines():
            logging.getLogger("mkdocs").warning(line)
        if code != 0:
            detail = _read(self.folder / ERROR_FILE).strip() or f"exit code {code}"
            raise OnstrategyError(f"site shard {self.index}: the build failed: {detail}")
        return json.loads((self.folder / PAGES_FILE).read_text(encoding="utf-8"))

    def stop(self) -> None:
        """Stop a child that is still running (the build failed elsewhere)."""
        if not self.reaped:
            try:
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.reaped = True


def fork_shard(index: int, folder: Path, build: Callable[[Path], list[str]]) -> ForkedShard:
    """Run `build(folder)` (returns the entity pages it built) in a forked child; its mkdocs warnings go to a file
    the parent logs after the wait, since the parent's log handlers may need threads that the child does not have."""
    folder.mkdir(parents=True, exist_ok=True)
    pid = os.fork()
    if pid == 0:  # the child: never return from here
        code = 1
        try:
            _log_to_file(folder / LOG_FILE)
            pages = build(folder)
            (folder / PAGES_FILE).write_text(json.dumps(pages), encoding="utf-8")
            code = 0
        except BaseException as exc:  # everything goes to the parent, which raises it
            message = str(exc) if isinstance(exc, OnstrategyError) else f"{type(exc).__name__}: {exc}"
            (folder / ERROR_FILE).write_text(" ".join(message.split()), encoding="utf-8")
        finally:
            os._exit(code)
    return ForkedShard(index, folder, pid)


def _log_to_file(path: Path) -> None:
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.propagate = False


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def html_path(markdown_page: str) -> str:
    """Where mkdocs writes a page (use_directory_urls is off): `reps/x.md` -> `reps/x.html`."""
    return str(PurePosixPath(markdown_page).with_suffix(".html"))


def merge_shard(site_dir: Path, shard_site: Path, pages: list[str]) -> None:
    """Move a shard's entity pages into the site and add their search entries to the site's search index."""
    for page in pages:
        target = site_dir / html_path(page)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(shard_site / html_path(page), target)
    index_file = site_dir / SEARCH_INDEX
    if not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    theirs = json.loads((shard_site / SEARCH_INDEX).read_text(encoding="utf-8"))
    moved = {html_path(p) for p in pages}
    docs = index["docs"] + [d for d in theirs["docs"] if _page_of(d["location"]) in moved]
    index["docs"] = sorted(docs, key=lambda d: _build_order(_page_of(d["location"])))  # stable: sections stay
    # the search plugin's own formatting (material/plugins/search), so a sharded index equals a one-process one
    index_file.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")


def _page_of(location: str) -> str:
    return location.split("#", 1)[0] or "index.html"


def _build_order(page: str) -> tuple:
    """mkdocs' page order (mkdocs.structure.files.file_sort_key): by folder, the index first, then by name."""
    parts = PurePosixPath(page).parts
    return (parts[:-1], PurePosixPath(page).stem != "index", parts[-1])
