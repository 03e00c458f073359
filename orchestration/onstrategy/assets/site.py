"""The site asset: build the executive site from the finished marts, then publish site and warehouse together."""

import os
import shutil
import subprocess
from pathlib import Path

from dagster import AssetExecutionContext, MaterializeResult, asset

from onstrategy.assets.dbt import dbt_executable, mart_asset_keys
from onstrategy.assets.resources import OnstrategySettings
from onstrategy.dbt_manifest import ENV_DBT_DUCKDB_PATH, dbt_project
from onstrategy.errors import OnstrategyError
from onstrategy.publish import discard, new_site_build_dir, publish_site, publish_warehouse

# Where the dbt docs (model and column docs, lineage graph) go inside the site; linked from the definitions page.
DBT_DOCS_DIR = "dbt-docs"


def generate_dbt_docs(work: Path, site_build_dir: Path) -> Path:
    """`dbt docs generate --static` on the work warehouse; copy the one-file docs into `<site>/dbt-docs/index.html`.

    Same conventions as the dbt asset: the dbt beside this Python, the project's profiles, the work warehouse through
    ONSTRATEGY_DBT_DUCKDB_PATH, artifacts and logs beside the work warehouse (`<work>.dbt/docs`, `<work>.dbt/logs`),
    never in dbt_project/target. `--static` embeds manifest and catalog in the page, so it works from file://.
    Anonymous usage stats are off: with them on, the page loads dbt Labs' Snowplow tracker from a CDN, and the
    site must make no request outside itself.
    """
    artifacts = work.with_name(work.name + ".dbt")
    docs_target = artifacts / "docs"
    docs_target.mkdir(parents=True, exist_ok=True)
    # reuse the dbt build's parse (same project, same profile): a partial parse saves seconds
    build_parse = artifacts / "target" / "partial_parse.msgpack"
    if build_parse.exists():
        shutil.copyfile(build_parse, docs_target / "partial_parse.msgpack")
    env = {**os.environ, ENV_DBT_DUCKDB_PATH: str(work), "DBT_LOG_PATH": str(artifacts / "logs"),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    command = [dbt_executable(), "docs", "generate", "--static", "--quiet",
               "--project-dir", str(dbt_project.project_dir), "--profiles-dir", str(dbt_project.profiles_dir),
               "--target-path", str(docs_target)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    page = docs_target / "static_index.html"
    if done.returncode != 0 or not page.is_file():
        detail = " | ".join((done.stdout + done.stderr).strip().splitlines()[-5:]) or "no static_index.html"
        raise OnstrategyError(f"{dbt_project.project_dir}: dbt docs generate failed: {detail}")
    out = site_build_dir / DBT_DOCS_DIR
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(page, out / "index.html")
    return out / "index.html"


@asset(
    key="site",
    group_name="site",
    deps=mart_asset_keys(),
    description="The static MkDocs site for executives, built from the marts, with the dbt docs (models, columns, "
    "lineage) under dbt-docs/; publishing it also publishes the warehouse (both swapped in atomically, only after "
    "every upstream asset and blocking check passed).",
    kinds={"mkdocs"},
)
def site(context: AssetExecutionContext, onstrategy: OnstrategySettings) -> MaterializeResult:
    from onstrategy_site import build_site  # imported here: mkdocs is only needed when the site is built

    settings = onstrategy.settings
    build_dir = new_site_build_dir(settings.site_dir)
    try:
        summary = build_site(settings.work_warehouse, build_dir, settings.strategy,
                             dbt_manifest=dbt_project.manifest_path)
        dbt_docs = generate_dbt_docs(settings.work_warehouse, build_dir)
        context.log.info(f"dbt docs generated ({dbt_docs.stat().st_size:,} bytes)")
        publish_warehouse(settings.work_warehouse, settings.warehouse)
        publish_site(build_dir, settings.site_dir)
    finally:
        discard(build_dir)
    context.log.info(f"site published at {settings.site_dir}, warehouse at {settings.warehouse}")
    return MaterializeResult(metadata={
        "site_dir": str(settings.site_dir),
        "warehouse": str(settings.warehouse),
        "dbt_docs": f"{DBT_DOCS_DIR}/index.html",
        **{k: v for k, v in summary.items() if isinstance(v, int | float | str)},
    })
