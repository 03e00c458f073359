"""The BI recipe of docs/cookbook.md ("Connecting read-only"): DuckDB's SQLAlchemy dialect (duckdb-engine), as
Superset and other SQLAlchemy-based tools use it, reads the published marts read-only."""

import duckdb
import pytest
import sqlalchemy as sa

from tests.conftest import PipelineRun

pytestmark = pytest.mark.e2e


def _engine(demo_run: PipelineRun) -> sa.Engine:
    # the URL the cookbook gives: an absolute path and access_mode=read_only
    return sa.create_engine(f"duckdb:///{demo_run.warehouse.resolve()}?access_mode=read_only")


def test_a_query_through_the_sqlalchemy_dialect_returns_what_duckdb_returns(demo_run: PipelineRun) -> None:
    query = ("select team, round(adherence_score, 6) as adherence_score from marts.fct_strategy_adherence_by_team "
             "where is_as_of_quarter order by team")
    engine = _engine(demo_run)
    try:
        with engine.connect() as connection:
            through_dialect = [tuple(row) for row in connection.execute(sa.text(query))]
            tables = sa.inspect(connection).get_table_names(schema="marts")
    finally:
        engine.dispose()
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        direct = con.execute(query).fetchall()
        marts = sorted(r[0] for r in con.execute("select table_name from duckdb_tables() "
                                                 "where schema_name = 'marts'").fetchall())
    assert through_dialect == direct and len(direct) > 0
    assert sorted(tables) == marts


def test_the_recipe_connection_cannot_write(demo_run: PipelineRun) -> None:
    engine = _engine(demo_run)
    try:
        with engine.connect() as connection, pytest.raises(sa.exc.DBAPIError, match="read-only"):
            connection.execute(sa.text("create table marts.scratch as select 1 as x"))
    finally:
        engine.dispose()
