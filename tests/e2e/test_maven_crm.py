"""The pipeline on real data nobody here wrote: the Maven Analytics CRM sample (tests/fixtures/maven-crm)."""

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from onstrategy.samples.maven_crm import convert
from tests.conftest import PROJECT_ROOT, run_cli

# A copy of shared/data/maven-crm, unchanged (its README says where it comes from): CI clones only this repository.
SAMPLE = PROJECT_ROOT / "tests" / "fixtures" / "maven-crm"
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def maven_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("maven")
    convert(SAMPLE, root / "landing")
    result = run_cli("run", "--landing", str(root / "landing"),
                     "--strategy", str(PROJECT_ROOT / "docs" / "examples" / "maven-crm-strategy.yml"),
                     "--warehouse", str(root / "warehouse.duckdb"), "--site-dir", str(root / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "warehouse.duckdb"


def test_won_total_matches_the_sample(maven_warehouse: Path) -> None:
    pipeline = pd.read_csv(SAMPLE / "sales_pipeline.csv")
    won = pipeline[pipeline["deal_stage"] == "Won"]
    with duckdb.connect(str(maven_warehouse), read_only=True) as con:
        total, lines, reps = con.execute(
            "select sum(amount), count(*), count(distinct rep_id) from marts.fct_bookings").fetchone()
        by_rep_total = con.execute("select sum(bookings_amount) from marts.fct_strategy_adherence_by_rep").fetchone()[0]
    assert lines == len(won) == 4238
    assert total == pytest.approx(won["close_value"].sum()) == pytest.approx(10_005_534)
    assert reps == won["sales_agent"].nunique()
    assert by_rep_total == pytest.approx(total)


def test_quirks_are_handled(maven_warehouse: Path) -> None:
    """GTXPro maps to GTX Pro (line GTX), 'technolgy' accounts are segmented, accountless deals stay in pipeline."""
    with duckdb.connect(str(maven_warehouse), read_only=True) as con:
        unmapped = con.execute("select count(*) from marts.fct_bookings where product_line = 'Unmapped'").fetchone()[0]
        tech_segments = {r[0] for r in con.execute(
            "select distinct segment from marts.dim_accounts where industry = 'technolgy'").fetchall()}
        pipeline = con.execute("select count(*), count(*) filter (where account_id is null) "
                               "from marts.fct_pipeline").fetchone()
    assert unmapped == 0
    assert "Enterprise Tech" in tech_segments
    assert pipeline == (8800, 1425)
