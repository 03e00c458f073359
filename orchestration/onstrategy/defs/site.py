"""Publication: build the executive site from the finished marts, then publish site and warehouse together.

One step materializes two assets, `site` and `warehouse` (the published DuckDB file), because they are swapped in as
a pair: the graph shows both, and neither is ever published without the other.
"""

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from dagster import AssetExecutionContext, AssetSpec, MaterializeResult, multi_asset

from onstrategy.defs.dbt import LOADED_PROJECT_FINGERPRINT, dbt_executable, mart_asset_keys
from onstrategy.defs.resources import OnstrategySettings
from onstrategy.errors import OnstrategyError, named_os_errors
from onstrategy.publish.atomic import discard, new_site_build_dir, publish, stage_warehouse
from onstrategy.publish.guard import check_run_outputs, write_site_marker
from onstrategy.run.progress import current
from onstrategy.settings import ENV_DBT_DUCKDB_PATH, artifacts_dir_for
from onstrategy.transform.incremental import strategy_digest
from onstrategy.transform.project import dbt_project

# Where the dbt docs (model and column docs, lineage graph) go inside the site; linked from the definitions page.
DBT_DOCS_DIR = "dbt-docs"


def generate_dbt_docs(work: Path, reuse_key: str | None = None) -> tuple[Path, bool]:
    """`dbt docs generate --static` on the work warehouse: the one-file docs page, for `<site>/dbt-docs/index.html`.

    Same conventions as the dbt asset: the dbt beside this Python, the project's profiles, the work warehouse through
    ONSTRATEGY_DBT_DUCKDB_PATH, artifacts and logs beside the work warehouse (`<work>.dbt/docs`, `<work>.dbt/logs`),
    never in dbt_project/target. `--static` embeds manifest and catalog in the page, so it works from file://.
    Anonymous usage stats are off: with them on, the page loads dbt Labs' Snowplow tracker from a CDN, and the
    site must make no request outside itself.

    With a `reuse_key` (dbt project and strategy fingerprints), the page of an earlier run with the same key is
    reused: the docs hold the project's models and the warehouse's column types, which only a project or strategy
    change alters (an incremental run never does). Returns the page and whether it was reused.
    """
    artifacts = artifacts_dir_for(work)
    docs_target = artifacts / "docs"
    docs_target.mkdir(parents=True, exist_ok=True)
    page = docs_target / "static_index.html"
    key_file = docs_target / "reuse_key.txt"
    if reuse_key and page.is_file() and key_file.is_file() and key_file.read_text(encoding="utf-8") == reuse_key:
        return page, True
    key_file.unlink(missing_ok=True)
    # reuse the dbt build's parse (same project, same profile): a partial parse saves seconds
    build_parse = artifacts / "target" / "partial_parse.msgpack"
    if build_parse.exists():
        shutil.copyfile(build_parse, docs_target / "partial_parse.msgpack")
    compiled = _reuse_build_manifest(artifacts / "target" / "manifest.json", docs_target / "manifest.json")
    env = {**os.environ, ENV_DBT_DUCKDB_PATH: str(work), "DBT_LOG_PATH": str(artifacts / "logs"),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    command = [dbt_executable(), "docs", "generate", "--static", "--quiet", *(["--no-compile"] if compiled else []),
               "--project-dir", str(dbt_project.project_dir), "--profiles-dir", str(dbt_project.profiles_dir),
               "--target-path", str(docs_target)]
    page.unlink(missing_ok=True)
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not page.is_file():
        detail = " | ".join((done.stdout + done.stderr).strip().splitlines()[-5:]) or "no static_index.html"
        raise OnstrategyError(f"{dbt_project.project_dir}: dbt docs generate failed: {detail}")
    if reuse_key:
        key_file.write_text(reuse_key, encoding="utf-8")
    return page, False


def _reuse_build_manifest(build_manifest: Path, docs_manifest: Path) -> bool:
    """Give `dbt docs generate` the dbt build's manifest, which holds the SQL that build compiled, so that it can
    skip compiling every node again (`--no-compile`): it runs beside the site's rendering, which gets the cores
    back (docs/decisions.md). The page embeds that manifest as it is, so its usage-stats flag is set off here: on,
    the page would load dbt Labs' tracker from a CDN.
    Returns False, leaving nothing behind, when there is no build manifest to reuse (dbt then compiles)."""
    docs_manifest.unlink(missing_ok=True)
    if not build_manifest.is_file():
        return False
    manifest = json.loads(build_manifest.read_text(encoding="utf-8"))
    manifest.setdefault("metadata", {})["send_anonymous_usage_stats"] = False
    docs_manifest.write_text(json.dumps(manifest), encoding="utf-8")
    return True


def install_dbt_docs(page: Path, site_build_dir: Path) -> Path:
    """Copy the dbt docs page into the built site (after mkdocs, which empties its output folder first)."""
    out = site_build_dir / DBT_DOCS_DIR
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(page, out / "index.html")
    return out / "index.html"


def docs_reuse_key(strategy_file: Path) -> str:
    """What the dbt docs page depends on: the loaded dbt project and the strategy file."""
    return f"{LOADED_PROJECT_FINGERPRINT} {strategy_digest(strategy_file)}"


SITE = AssetSpec(
    "site",
    group_name="publication",
    deps=mart_asset_keys(),
    description="The static MkDocs site for executives, built from the marts, with the dbt docs (models, columns, "
    "lineage) under dbt-docs/; published with the warehouse, only after every upstream asset and blocking check "
    "passed.",
    kinds={"mkdocs"},
)
PUBLISHED_WAREHOUSE = AssetSpec(
    "warehouse",
    group_name="publication",
    deps=mart_asset_keys(),
    description="The published DuckDB warehouse users query (`marts` is the interface; also `audit`, `quarantine`, "
    "`semantic`): a copy of the work warehouse the run built, swapped in together with the site.",
    kinds={"duckdb"},
)


@multi_asset(specs=[SITE, PUBLISHED_WAREHOUSE], name="publish", can_subset=False)
def publication(context: AssetExecutionContext, onstrategy: OnstrategySettings) -> Iterator[MaterializeResult]:
    from onstrategy_site import build_site  # imported here: mkdocs is only needed when the site is built

    settings = onstrategy.settings
    check_run_outputs(settings)  # a run started from the Dagster UI was not checked by `onstrategy run`
    progress = current()
    build_dir = new_site_build_dir(settings.site_dir)
    staged: Future[Path] | None = None
    docs: Future[tuple[Path, bool]] | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="publish") as background:

        def copy_and_document() -> None:
            # The warehouse is closed once the site's queries ran: copy it for publication, then run
            # `dbt docs generate` on it (after the copy: dbt opens the file read-write), both while the pages render.
            nonlocal staged, docs
            staged = background.submit(stage_warehouse, settings.work_warehouse, settings.warehouse)
            docs = background.submit(generate_dbt_docs, settings.work_warehouse, docs_reuse_key(settings.strategy))

        try:
            with named_os_errors(build_dir, "build and publish the site"), \
                    progress.counting("site", "building the pages", None):
                summary = build_site(settings.work_warehouse, build_dir, settings.strategy,
                                     dbt_manifest=dbt_project.manifest_path, after_queries=copy_and_document)
                if staged is None or docs is None:
                    raise OnstrategyError(f"{settings.work_warehouse}: the site build ended before its queries ran")
                page, reused = docs.result()
                dbt_docs = install_dbt_docs(page, build_dir)
                context.log.info(f"dbt docs {'reused (same project and strategy)' if reused else 'generated'} "
                                 f"({dbt_docs.stat().st_size:,} bytes)")
                write_site_marker(build_dir)
                publish(staged.result(), settings.warehouse, build_dir, settings.site_dir)
        finally:
            background.shutdown(wait=True)
            if staged is not None and staged.exception() is None:  # done: the shutdown above waited for it
                staged.result().unlink(missing_ok=True)  # not renamed over the warehouse: the run failed
            discard(build_dir)
    context.log.info(f"site published at {settings.site_dir}, warehouse at {settings.warehouse}")
    progress.line("site", f"{summary['pages']} pages built in {summary['seconds']:.1f} s; site and warehouse "
                          "published")
    yield MaterializeResult(asset_key=SITE.key, metadata={
        "site_dir": str(settings.site_dir),
        "dbt_docs": f"{DBT_DOCS_DIR}/index.html",
        **{k: v for k, v in summary.items() if isinstance(v, int | float | str)},
    })
    yield MaterializeResult(asset_key=PUBLISHED_WAREHOUSE.key, metadata={
        "path": str(settings.warehouse),
        "bytes": settings.warehouse.stat().st_size,
    })
