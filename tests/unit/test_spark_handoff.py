"""The Parquet handoff of `--engine spark`, without Spark: sources out of DuckDB, results back in."""

from pathlib import Path

import duckdb
import pytest

from onstrategy.errors import OnstrategyError
from onstrategy.settings import ENV_ENGINE, Settings, check_engine
from onstrategy.transform.spark import export_sources, import_results, spark_paths


def _work_warehouse(path: Path) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("""
            create schema raw_salesforce; create schema raw_stripe; create schema strategy; create schema audit;
            create schema marts;
            create table raw_salesforce.account as select 'A1' as "Id", 'Acme' as "Name";
            create table raw_stripe.customers (id varchar, object_json varchar);
            create table strategy.strategy_settings as select 'USD' as reporting_currency, 2 as fiscal_year_start_month;
            create table audit.ingested_files as select 'salesforce' as source, 'Account' as object;
            create table audit.pending_changes (source varchar, object varchar, change varchar,
                                                first_batch_rank integer);
            create table audit.load_reconciliation as select 1 as x;
            create table marts.old as select 1 as x;
        """)
    return path


def test_export_writes_every_source_table_and_nothing_else(tmp_path: Path) -> None:
    work = _work_warehouse(tmp_path / "w.duckdb.work")
    landing = spark_paths(work).landing
    assert export_sources(work, landing) == 5
    written = sorted(p.relative_to(landing).as_posix() for p in landing.rglob("*.parquet"))
    assert written == ["audit/ingested_files/data.parquet", "audit/pending_changes/data.parquet",
                       "raw_salesforce/account/data.parquet",
                       "raw_stripe/customers/data.parquet", "strategy/strategy_settings/data.parquet"]
    account = duckdb.sql(f"select * from read_parquet('{landing}/raw_salesforce/account/data.parquet')")
    assert account.columns == ["Id", "Name"] and account.fetchall() == [("A1", "Acme")]
    empty = duckdb.sql(f"select count(*) from read_parquet('{landing}/raw_stripe/customers/data.parquet')")
    assert empty.fetchall() == [(0,)]


def test_import_loads_each_exported_folder_as_a_table(tmp_path: Path) -> None:
    work = _work_warehouse(tmp_path / "w.duckdb.work")
    export = spark_paths(work).export
    for table, rows in (("marts/fct_x", 3), ("quarantine/account", 0)):
        (export / table).mkdir(parents=True)
        duckdb.sql(f"copy (select range as n, 'v' || range as s from range({rows})) "
                   f"to '{export / table / 'part-00000.parquet'}' (format parquet)")
    assert import_results(work, export) == {"marts.fct_x": 3, "quarantine.account": 0}
    with duckdb.connect(str(work), read_only=True) as con:
        assert con.execute("select sum(n) from marts.fct_x").fetchone() == (3,)
        assert con.execute("select count(*) from marts.old").fetchone() == (1,)  # other tables untouched


def test_import_without_results_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(OnstrategyError, match="Spark wrote no results"):
        import_results(tmp_path / "w.duckdb.work", tmp_path / "missing")


def test_engine_comes_from_the_environment_and_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_ENGINE, "spark")
    settings = Settings.from_env()
    assert settings.engine == "spark" and settings.resolved().engine == "spark"
    assert settings.as_env()[ENV_ENGINE] == "spark"
    monkeypatch.delenv(ENV_ENGINE)
    assert Settings.from_env().engine == "duckdb"
    with pytest.raises(OnstrategyError, match="engine 'presto' is not supported"):
        check_engine("presto")
