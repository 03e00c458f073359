"""Run settings: where the landing zone, strategy, warehouse and site are.

The CLI passes them as flags; `dagster dev` reads the same settings from `ONSTRATEGY_LANDING`,
`ONSTRATEGY_STRATEGY`, `ONSTRATEGY_WAREHOUSE` and `ONSTRATEGY_SITE_DIR` (defaults: the `make demo` locations), and
the engine dbt builds on from `ONSTRATEGY_ENGINE` (`duckdb`, the default, or `spark`: docs/scale-out.md).
"""

import os
from dataclasses import dataclass, replace
from pathlib import Path

from onstrategy.errors import OnstrategyError
from onstrategy.paths import DBT_PROJECT_DIR, DEFAULT_SITE_DIR, DEFAULT_STRATEGY_FILE, PROJECT_ROOT

DEMO_DIR = PROJECT_ROOT / ".demo"
ENV_LANDING = "ONSTRATEGY_LANDING"
ENV_STRATEGY = "ONSTRATEGY_STRATEGY"
ENV_WAREHOUSE = "ONSTRATEGY_WAREHOUSE"
ENV_SITE_DIR = "ONSTRATEGY_SITE_DIR"
ENV_ENGINE = "ONSTRATEGY_ENGINE"
ENV_QUARANTINE_BLOCK_SHARE = "ONSTRATEGY_QUARANTINE_BLOCK_SHARE"
# The warehouse file dbt builds (dbt_project/profiles.yml reads it), set for each dbt process a run starts.
ENV_DBT_DUCKDB_PATH = "ONSTRATEGY_DBT_DUCKDB_PATH"
# "true" while the pipeline runs an incremental dbt build (is_incremental_build, macros/incremental/).
ENV_DBT_INCREMENTAL = "ONSTRATEGY_DBT_INCREMENTAL"
ENGINES = ("duckdb", "spark")
DEFAULT_ENGINE = "duckdb"


# `onstrategy export --format`: here, so the command line knows them without loading DuckDB (publish.export)
EXPORT_FORMATS = ("parquet", "csv")


def check_engine(engine: str) -> str:
    """The engine name, or a one-line error naming the accepted ones."""
    if engine not in ENGINES:
        raise OnstrategyError(f"engine {engine!r} is not supported: use one of {', '.join(ENGINES)}")
    return engine


QUARANTINE_CHECK_OFF = "off"


def quarantine_block_share() -> float:
    """The share of a quarter's bookings the quarantine may hold out before a run refuses to publish: the dbt var
    `quarantine_block_share` (dbt_project.yml, the one place of the default), or ONSTRATEGY_QUARANTINE_BLOCK_SHARE;
    `off` (infinity here) publishes whatever the quarantine holds out."""
    text = os.environ.get(ENV_QUARANTINE_BLOCK_SHARE)
    if text is None:
        return float(_dbt_vars()["quarantine_block_share"])
    if text.strip().lower() == QUARANTINE_CHECK_OFF:
        return float("inf")
    try:
        share = float(text)
    except ValueError:
        share = float("nan")
    if not 0 <= share < float("inf"):
        raise OnstrategyError(f"{ENV_QUARANTINE_BLOCK_SHARE}={text!r}: expected a share of a quarter's bookings "
                              f"(0.05 for 5%) or {QUARANTINE_CHECK_OFF!r}")
    return share


def quarantine_warn_share() -> float:
    """The share above which the quarantine's held-out business is a warning (dbt var `quarantine_warn_share`)."""
    return float(_dbt_vars()["quarantine_warn_share"])


def _dbt_vars() -> dict:
    import yaml

    return yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]


def artifacts_dir_for(work_warehouse: Path) -> Path:
    """Where a run on this work warehouse keeps dbt's target folder, dbt's logs and its own run log."""
    return work_warehouse.with_name(work_warehouse.name + ".dbt")


def lock_file_for(warehouse: Path) -> Path:
    """The run lock of a warehouse (onstrategy.run.lock): one run at a time."""
    return warehouse.with_name(warehouse.name + ".lock")


def temp_dir_for(database: Path) -> Path:
    """Where DuckDB spills a database's large joins to disk."""
    return database.with_name(database.name + ".tmp")


def spark_dir_for(work_warehouse: Path) -> Path:
    """The Spark engine's metastore, warehouse and hand-off files for a run on this work warehouse."""
    return work_warehouse.with_name(work_warehouse.name + ".spark")


@dataclass(frozen=True)
class Settings:
    """Where one pipeline run reads and publishes."""

    landing: Path
    strategy: Path
    warehouse: Path
    site_dir: Path
    engine: str = DEFAULT_ENGINE

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            landing=Path(os.environ.get(ENV_LANDING, DEMO_DIR / "landing")),
            strategy=Path(os.environ.get(ENV_STRATEGY, DEFAULT_STRATEGY_FILE)),
            warehouse=Path(os.environ.get(ENV_WAREHOUSE, DEMO_DIR / "warehouse.duckdb")),
            site_dir=Path(os.environ.get(ENV_SITE_DIR, DEFAULT_SITE_DIR)),
            engine=os.environ.get(ENV_ENGINE) or DEFAULT_ENGINE,
        )

    def resolved(self) -> "Settings":
        """The same settings with absolute paths (runs must not depend on the working directory)."""
        landing, strategy, warehouse, site_dir = (Path(p).expanduser().resolve() for p in (
            self.landing, self.strategy, self.warehouse, self.site_dir))
        return replace(self, landing=landing, strategy=strategy, warehouse=warehouse, site_dir=site_dir)

    @property
    def work_warehouse(self) -> Path:
        """The pipeline's private build copy of the warehouse; published by copy + atomic rename."""
        return self.warehouse.with_name(self.warehouse.name + ".work")

    @property
    def run_artifacts_dir(self) -> Path:
        """dbt's target folder, its logs and the run log, beside the work warehouse."""
        return artifacts_dir_for(self.work_warehouse)

    def guarded_paths(self) -> dict[str, Path]:
        """Every path a run reads or writes whole, by role: none may be another or lie inside another."""
        work = self.work_warehouse
        return {
            "landing zone": self.landing,
            "strategy file": self.strategy,
            "warehouse": self.warehouse,
            "work warehouse": work,
            "run artifacts folder": artifacts_dir_for(work),
            "work temporary folder": temp_dir_for(work),
            "Spark work folder": spark_dir_for(work),
            "site folder": self.site_dir,
            "run lock file": lock_file_for(self.warehouse),
        }

    def as_env(self) -> dict[str, str]:
        return {
            ENV_LANDING: str(self.landing),
            ENV_STRATEGY: str(self.strategy),
            ENV_WAREHOUSE: str(self.warehouse),
            ENV_SITE_DIR: str(self.site_dir),
            ENV_ENGINE: self.engine,
        }
