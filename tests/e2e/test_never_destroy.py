"""A run never destroys what it was not given, and every expected failure is one line that says what and where.

Tried as a careless user would: a site folder that holds their files, a warehouse inside the site, a mistyped
folder, a demo written over real exports, a full disk, a read-only folder, a file that is not UTF-8, a strategy
file that is hostile or merely wrong. Each test checks the files are untouched and the user sees one line naming
the path, with no traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, PipelineRun, run_cli, tree_digest
from tests.e2e.mounts import mounts_available, run_cli_on_tmpfs

pytestmark = pytest.mark.e2e

needs_mounts = pytest.mark.skipif(not mounts_available(), reason="this machine cannot mount a tmpfs in a namespace "
                                  "(unshare -rm): the full-disk and read-only cases cannot be staged")




def _one_line(result, *fragments: str) -> str:
    """The single stderr line of a failed command, checked to hold every fragment."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def _run(demo_run: PipelineRun, warehouse: Path, site_dir: Path, strategy: Path | None = None,
         landing: Path | None = None) -> list[str]:
    return ["run", "--landing", str(landing or demo_run.landing), "--strategy", str(strategy or demo_run.strategy),
            "--warehouse", str(warehouse), "--site-dir", str(site_dir)]


def _user_folder(root: Path) -> Path:
    (root / "photos").mkdir(parents=True)
    (root / "thesis.txt").write_text("four years of work", encoding="utf-8")
    (root / "photos" / "2019.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return root


# --- publishing replaces only what onstrategy built ---------------------------------------------------------------

def test_user_files_survive_a_run_pointed_at_their_folder(demo_run: PipelineRun, tmp_path: Path) -> None:
    folder = _user_folder(tmp_path / "documents")
    before = tree_digest(folder)
    result = run_cli(*_run(demo_run, tmp_path / "w.duckdb", folder))
    _one_line(result, str(folder), "holds files onstrategy did not build", "--site-dir")
    assert tree_digest(folder) == before
    assert not (tmp_path / "w.duckdb").exists() and not (tmp_path / "w.duckdb.work").exists()


def test_a_warehouse_inside_the_site_folder_is_refused_and_nothing_is_deleted(demo_run: PipelineRun,
                                                                              tmp_path: Path) -> None:
    """The case that deleted a published warehouse, its work copy and the dbt artefacts: now refused up front."""
    site_dir = tmp_path / "site"
    shutil.copytree(demo_run.site_dir, site_dir)
    warehouse = site_dir / "warehouse.duckdb"
    shutil.copyfile(demo_run.warehouse, warehouse)
    before = tree_digest(site_dir)
    result = run_cli(*_run(demo_run, warehouse, site_dir))
    _one_line(result, str(warehouse), "the warehouse lies inside the site folder")
    assert tree_digest(site_dir) == before


@pytest.mark.parametrize("mistake", ["project", "parent of the landing zone"])
def test_a_mistyped_site_dir_is_refused(demo_run: PipelineRun, tmp_path: Path, mistake: str) -> None:
    if mistake == "project":
        site_dir, reason = PROJECT_ROOT, "lies inside the site folder"  # the strategy file is in the project
    else:
        site_dir, reason = demo_run.landing.parent, "lies inside the site folder"
    result = run_cli(*_run(demo_run, tmp_path / "w.duckdb", site_dir))
    _one_line(result, str(site_dir), reason)
    assert (PROJECT_ROOT / "strategy.yml").is_file() and demo_run.landing.is_dir()


def test_a_warehouse_path_that_holds_another_file_is_refused(demo_run: PipelineRun, tmp_path: Path) -> None:
    notes = tmp_path / "notes.duckdb"
    notes.write_text("not a database, and not onstrategy's", encoding="utf-8")
    result = run_cli(*_run(demo_run, notes, tmp_path / "site"))
    _one_line(result, str(notes), "not a DuckDB database", "--warehouse")
    assert notes.read_text(encoding="utf-8") == "not a database, and not onstrategy's"


def test_a_site_folder_that_is_a_file_is_refused(demo_run: PipelineRun, tmp_path: Path) -> None:
    (tmp_path / "site").write_text("a file", encoding="utf-8")
    _one_line(run_cli(*_run(demo_run, tmp_path / "w.duckdb", tmp_path / "site")), "exists and is not a folder")


def test_the_demo_never_writes_over_real_exports(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    (exports / "salesforce").mkdir(parents=True)
    (exports / "salesforce" / "Account.csv").write_text("Id,Name\n0015e00000AbCdE,Real customer\n")
    before = tree_digest(exports)
    _one_line(run_cli("demo", "--out", str(exports), "--scale", "0.02"), str(exports),
              "holds files the demo did not write")
    assert tree_digest(exports) == before


@needs_mounts
def test_a_site_folder_that_is_a_mount_point_is_refused_before_the_run(demo_run: PipelineRun,
                                                                      tmp_path: Path) -> None:
    """A mount point cannot be renamed: the run used to fail at the end, after the warehouse was replaced."""
    warehouse = tmp_path / "w.duckdb"
    shutil.copyfile(demo_run.warehouse, warehouse)
    before = tree_digest(warehouse)
    result = run_cli_on_tmpfs(tmp_path / "www", "size=64m", *_run(demo_run, warehouse, tmp_path / "www"))
    _one_line(result, str(tmp_path / "www"), "is a mount point", "publish to a folder inside it")
    assert tree_digest(warehouse) == before


# --- every expected failure: one line, what and where -------------------------------------------------------------

@needs_mounts
def test_a_read_only_warehouse_folder_is_one_line_naming_it(demo_run: PipelineRun, tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    result = run_cli_on_tmpfs(folder, "ro,size=1m", *_run(demo_run, folder / "w.duckdb", tmp_path / "site"))
    _one_line(result, str(folder), "Read-only file system", "choose a writable folder")


@needs_mounts
def test_a_full_disk_under_the_warehouse_is_one_line_naming_it(demo_run: PipelineRun, tmp_path: Path) -> None:
    folder = tmp_path / "small"
    result = run_cli_on_tmpfs(folder, "size=2m", *_run(demo_run, folder / "w.duckdb", tmp_path / "site"))
    _one_line(result, str(folder / "w.duckdb.work"), "No space left on device", "free some disk space")
    assert not (tmp_path / "site").exists()


@needs_mounts
def test_a_full_disk_under_the_site_is_one_line_naming_it_and_publishes_nothing(demo_run: PipelineRun,
                                                                                tmp_path: Path) -> None:
    """A rerun of the demo (its work warehouse copied: dbt has nothing to build) with the site on a full disk."""
    source = demo_run.warehouse
    warehouse = tmp_path / "warehouse.duckdb"
    for suffix in ("", ".work"):
        shutil.copyfile(source.with_name(source.name + suffix), warehouse.with_name(warehouse.name + suffix))
    shutil.copytree(source.with_name(source.name + ".work.dbt"), warehouse.with_name(warehouse.name + ".work.dbt"))
    before = tree_digest(warehouse)
    folder = tmp_path / "small"
    result = run_cli_on_tmpfs(folder, "size=3m", *_run(demo_run, warehouse, folder / "site"))
    _one_line(result, str(folder), "cannot build and publish the site", "No space left on device")
    assert tree_digest(warehouse) == before


def test_a_landing_file_that_is_not_utf8_names_file_line_and_byte(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    assert run_cli("demo", "--out", str(landing), "--scale", "0.02", "--seed", "3").returncode == 0
    accounts = landing / "salesforce" / "Account.csv"
    lines = accounts.read_bytes().split(b"\n")
    lines[28] = lines[28].replace(b",", b",\xe9", 1)  # a Latin-1 "é" in an otherwise UTF-8 export
    accounts.write_bytes(b"\n".join(lines))
    result = run_cli("run", "--landing", str(landing), "--strategy", str(PROJECT_ROOT / "strategy.yml"),
                     "--warehouse", str(tmp_path / "w.duckdb"), "--site-dir", str(tmp_path / "site"))
    _one_line(result, f"{accounts}:29: not UTF-8 text (byte 0xe9 at column", "export the file as UTF-8")
    # a failed first run takes away what it built (the work warehouse, dbt's artifacts); only the lock file stays
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("w.duckdb")) == ["w.duckdb.lock"]


STRATEGY_MISTAKES = {
    "impossible date": (("effective_from: 2024-02-01", "effective_from: 2026-02-30"),
                        "versions[0].effective_from: '2026-02-30' is not a calendar date"),
    "duplicate key": (("fiscal_year_start_month: 2", "fiscal_year_start_month: 2\nfiscal_year_start_month: 3"),
                      "key 'fiscal_year_start_month' appears twice in one mapping (lines 5 and 6)"),
    "infinite weight": (("target: 0.50, weight: 2}", "target: 0.50, weight: .inf}"),
                        "versions[0].objectives[0].weight: Input should be a finite number"),
    "alias bomb": (None, "aliases expand the document to more than"),
}


def _hostile_strategy(tmp_path: Path, mistake: str) -> Path:
    path = tmp_path / "strategy.yml"
    replacement, _ = STRATEGY_MISTAKES[mistake]
    if replacement is None:
        lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        text = (PROJECT_ROOT / "strategy.yml").read_text(encoding="utf-8")
        assert replacement[0] in text
        path.write_text(text.replace(replacement[0], replacement[1], 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("mistake", list(STRATEGY_MISTAKES))
@pytest.mark.parametrize("command", ["validate-strategy", "run"])
def test_a_wrong_or_hostile_strategy_is_one_line_with_its_place(demo_run: PipelineRun, tmp_path: Path,
                                                                command: str, mistake: str) -> None:
    strategy = _hostile_strategy(tmp_path, mistake)
    args = ["validate-strategy", str(strategy)] if command == "validate-strategy" else \
        _run(demo_run, tmp_path / "w.duckdb", tmp_path / "site", strategy=strategy)
    _one_line(run_cli(*args, timeout=60), str(strategy), STRATEGY_MISTAKES[mistake][1])
    assert not (tmp_path / "w.duckdb.work").exists()
