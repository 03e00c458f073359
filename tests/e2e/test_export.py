"""`onstrategy export` and the self-describing warehouse, on the demo run's published warehouse."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from onstrategy.publish.export import EXPORT_MARKER
from tests.conftest import PipelineRun, run_cli


def _marts(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    tables = [name for (name,) in con.execute(
        "select table_name from duckdb_tables() where schema_name = 'marts' order by 1").fetchall()]
    return {name: [column for (column,) in con.execute(
        "select column_name from duckdb_columns() where schema_name = 'marts' and table_name = ? "
        "order by column_index", [name]).fetchall()] for name in tables}


@pytest.fixture
def published(demo_run: PipelineRun, tmp_path: Path) -> Path:
    """A copy of the demo's published warehouse (the export only reads it)."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(demo_run.warehouse, copy)
    return copy


def test_every_mart_table_and_column_carries_its_description(published: Path) -> None:
    with duckdb.connect(str(published), read_only=True) as con:
        undescribed_tables = con.execute("select table_name from duckdb_tables() where schema_name = 'marts' "
                                         "and coalesce(trim(comment), '') = ''").fetchall()
        undescribed_columns = con.execute("select table_name, column_name from duckdb_columns() "
                                          "where schema_name = 'marts' and coalesce(trim(comment), '') = ''").fetchall()
        columns = con.execute("select count(*) from duckdb_columns() where schema_name = 'marts'").fetchone()
    assert undescribed_tables == [] and undescribed_columns == []
    assert columns is not None and columns[0] > 100  # the marts are there, so the emptiness above means something


def test_a_parquet_export_round_trips_every_mart_row_for_row(published: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = run_cli("export", "--warehouse", str(published), "--out", str(out))
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(published), read_only=True) as con:
        marts = _marts(con)
        assert sorted(path.stem for path in out.glob("*.parquet")) == sorted(marts)
        for name in marts:
            mart, exported = f"select * from marts.{name}", f"select * from read_parquet('{out / name}.parquet')"
            assert con.execute(f"select count(*) from ({exported})").fetchone() == \
                con.execute(f"select count(*) from ({mart})").fetchone()
            missing = con.execute(f"select count(*) from (({mart}) except all ({exported}))").fetchone()
            extra = con.execute(f"select count(*) from (({exported}) except all ({mart}))").fetchone()
            assert (missing, extra) == ((0,), (0,)), name
    total = sum(1 for _ in marts)
    assert result.stdout.startswith(f"exported {total} marts (")


def test_a_csv_export_holds_every_value_as_text(published: Path, tmp_path: Path) -> None:
    """Every non-NULL value is quoted, so empty text ("") and NULL (an empty field) stay apart."""
    out = tmp_path / "csv"
    assert run_cli("export", "--warehouse", str(published), "--out", str(out), "--format", "csv").returncode == 0
    with duckdb.connect(str(published), read_only=True) as con:
        for name, columns in _marts(con).items():
            as_text = ", ".join(f'cast("{column}" as varchar) as "{column}"' for column in columns)
            mart = f"select {as_text} from marts.{name}"
            exported = (f"select * from read_csv('{out / name}.csv', header = true, all_varchar = true, "
                        "allow_quoted_nulls = false)")
            missing = con.execute(f"select count(*) from (({mart}) except all ({exported}))").fetchone()
            extra = con.execute(f"select count(*) from (({exported}) except all ({mart}))").fetchone()
            assert (missing, extra) == ((0,), (0,)), name


def test_the_readme_lists_every_column_of_every_mart_with_its_description(published: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert run_cli("export", "--warehouse", str(published), "--out", str(out)).returncode == 0
    readme = (out / "README.md").read_text(encoding="utf-8")
    with duckdb.connect(str(published), read_only=True) as con:
        described = con.execute("select table_name, column_name, data_type, comment from duckdb_columns() "
                                "where schema_name = 'marts'").fetchall()
    for table, column, data_type, comment in described:
        assert f"\n## {table}\n" in readme
        assert f"| `{column}` | {data_type} | {' '.join(comment.split()).replace('|', chr(92) + '|')} |" in readme


def test_an_export_replaces_only_an_earlier_export(published: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("mine", encoding="utf-8")
    refused = run_cli("export", "--warehouse", str(published), "--out", str(foreign))
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [
        f"onstrategy export: error: {foreign}: the folder holds files `onstrategy export` did not write (no "
        f"{EXPORT_MARKER} marker), and an export replaces the folder whole; choose a new or empty folder for --out"]
    assert [path.name for path in foreign.iterdir()] == ["thesis.txt"]

    out = tmp_path / "export"
    assert run_cli("export", "--warehouse", str(published), "--out", str(out), "--format", "csv").returncode == 0
    again = run_cli("export", "--warehouse", str(published), "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert not list(out.glob("*.csv"))  # the earlier export went whole
    assert list(out.glob("*.parquet"))
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]  # no work folder left behind


def test_an_export_of_a_missing_warehouse_says_so(tmp_path: Path) -> None:
    result = run_cli("export", "--warehouse", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"onstrategy export: error: {tmp_path / 'none.duckdb'}: warehouse file not found"
    assert not (tmp_path / "out").exists()


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip().startswith("onstrategy ")
