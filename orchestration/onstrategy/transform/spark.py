"""The Parquet handoff of `--engine spark` (docs/scale-out.md).

Ingest and the strategy asset fill the DuckDB work warehouse as usual. Before dbt builds on Spark, every table the
dbt sources name is exported to Parquet (`<landing>/<schema>/<table>/data.parquet`), which the project's
on-run-start hook registers as Spark tables; after the build, the on-run-end hook writes the published schemas
(marts, audit, quarantine, semantic) to `<export>/<schema>/<table>/`, and they are loaded back into the work
warehouse, so the site asset and the published warehouse work unchanged.
"""

import importlib.util
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from onstrategy.errors import OnstrategyError
from onstrategy.settings import spark_dir_for
from onstrategy.sql_text import quote_ident, sql_literal
from onstrategy.warehouse import connect_writer, one_row

ENV_SPARK_LANDING = "ONSTRATEGY_SPARK_LANDING"
ENV_SPARK_WAREHOUSE = "ONSTRATEGY_SPARK_WAREHOUSE"
ENV_SPARK_METASTORE = "ONSTRATEGY_SPARK_METASTORE"
ENV_SPARK_EXPORT = "ONSTRATEGY_SPARK_EXPORT"

# What the dbt sources read: whole schemas, plus single tables of shared schemas.
SOURCE_SCHEMAS = ("raw_salesforce", "raw_stripe", "strategy")
SOURCE_TABLES = (("audit", "ingested_files"), ("audit", "pending_changes"))


@dataclass(frozen=True)
class SparkPaths:
    """The folders one Spark build uses, all under `<work warehouse>.spark/` (wiped before each build)."""

    root: Path

    @property
    def landing(self) -> Path:
        return self.root / "landing"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse"

    @property
    def metastore(self) -> Path:
        return self.root / "metastore"

    @property
    def export(self) -> Path:
        return self.root / "export"

    def env(self) -> dict[str, str]:
        """The variables the `spark` target of profiles.yml and the handoff hooks read."""
        return {
            ENV_SPARK_LANDING: str(self.landing),
            ENV_SPARK_WAREHOUSE: str(self.warehouse),
            ENV_SPARK_METASTORE: str(self.metastore),
            ENV_SPARK_EXPORT: str(self.export),
        }


def spark_paths(work: Path) -> SparkPaths:
    return SparkPaths(spark_dir_for(work))


def check_spark_available() -> None:
    """Fail with one line when the `spark` extra or Java is missing."""
    missing = [name for name in ("pyspark", "dbt.adapters.spark") if importlib.util.find_spec(name) is None]
    if missing:
        raise OnstrategyError(f"--engine spark needs {', '.join(missing)}: install the extra with "
                              "`pip install -c constraints.txt -e '.[spark]'` (or `make install-spark`)")
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and (Path(java_home) / "bin" / "java").exists()):
        raise OnstrategyError("--engine spark needs Java 17 or later: no `java` on PATH and no JAVA_HOME")


def source_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(schema, table) of every table the dbt sources read, as the work warehouse holds them."""
    placeholders = ", ".join("?" for _ in SOURCE_SCHEMAS)
    found = con.execute(
        f"select table_schema, table_name from information_schema.tables "
        f"where table_catalog = current_database() and table_schema in ({placeholders}) order by 1, 2",
        list(SOURCE_SCHEMAS)).fetchall()
    return [(schema, table) for schema, table in found] + list(SOURCE_TABLES)


def export_sources(work: Path, landing: Path) -> int:
    """Write every source table of the work warehouse as Parquet under `landing`; return how many."""
    shutil.rmtree(landing, ignore_errors=True)
    with connect_writer(work) as con:
        tables = source_tables(con)
        for schema, table in tables:
            target = landing / schema / table
            target.mkdir(parents=True, exist_ok=True)
            con.execute(f"copy {quote_ident(schema)}.{quote_ident(table)} to {sql_literal(target / 'data.parquet')} "
                        "(format parquet)")
    return len(tables)


def import_results(work: Path, export: Path) -> dict[str, int]:
    """Load every `<export>/<schema>/<table>/` Parquet folder into `<schema>.<table>` of the work warehouse."""
    if not export.is_dir():
        raise OnstrategyError(f"{export}: Spark wrote no results (the dbt on-run-end hook did not run)")
    rows: dict[str, int] = {}
    with connect_writer(work) as con:
        for schema_dir in sorted(p for p in export.iterdir() if p.is_dir()):
            con.execute(f"create schema if not exists {quote_ident(schema_dir.name)}")
            for table_dir in sorted(p for p in schema_dir.iterdir() if p.is_dir()):
                name = f"{quote_ident(schema_dir.name)}.{quote_ident(table_dir.name)}"
                files = sql_literal(table_dir / "*.parquet")
                con.execute(f"create or replace table {name} as select * from read_parquet({files})")
                rows[f"{schema_dir.name}.{table_dir.name}"] = one_row(con, f"select count(*) from {name}")[0]
    return rows
