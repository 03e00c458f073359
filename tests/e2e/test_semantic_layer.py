"""The semantic layer: `mf query` on the demo warehouse returns the marts' numbers; the site publishes dbt docs.

MetricFlow reads `<dbt project>/target/semantic_manifest.json` (it ignores --target-path / DBT_TARGET_PATH) and
opens the warehouse through the dbt profile. So the test never touches dbt_project/target nor the demo run's
warehouse: it copies the warehouse into a temporary folder and mirrors the dbt project there (symlinks to
dbt_project.yml, profiles.yml, macros, tests, and ../models, ../seeds), so `dbt parse` writes its target there.
"""

import csv
import math
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT, PipelineRun

pytestmark = pytest.mark.e2e

TOLERANCE = 1e-9
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class SemanticProject:
    root: Path
    project_dir: Path
    warehouse: Path
    env: dict[str, str]

    def query(self, metrics: list[str], group_by: list[str]) -> list[dict[str, str]]:
        """Run `mf query ... --csv` as a user would; return the rows (values as MetricFlow wrote them)."""
        out = self.root / f"{'-'.join(metrics)}-by-{'-'.join(group_by)}.csv"
        done = subprocess.run([str(BIN / "onstrategy-mf"), "query", "--metrics", ",".join(metrics), "--group-by",
                               ",".join(group_by), "--csv", str(out), "--quiet"],
                              cwd=self.project_dir, env=self.env, capture_output=True, text=True, timeout=120,
                              check=False)
        assert done.returncode == 0 and out.is_file(), f"mf query failed:\n{done.stdout}\n{done.stderr}"
        with out.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def semantic(demo_run: PipelineRun, tmp_path_factory: pytest.TempPathFactory) -> SemanticProject:
    root = tmp_path_factory.mktemp("semantic")
    warehouse = root / "warehouse.duckdb"
    shutil.copyfile(demo_run.warehouse, warehouse)
    project_dir = root / "dbt_project"
    project_dir.mkdir()
    for name in ("dbt_project.yml", "profiles.yml", "macros", "tests"):
        (project_dir / name).symlink_to(PROJECT_ROOT / "dbt_project" / name)
    for name in ("models", "seeds"):  # dbt_project.yml says model-paths: ../models, seed-paths: ../seeds
        (root / name).symlink_to(PROJECT_ROOT / name)
    env = {**os.environ, "ONSTRATEGY_DBT_DUCKDB_PATH": str(warehouse), "DBT_PROJECT_DIR": str(project_dir),
           "DBT_PROFILES_DIR": str(project_dir), "DBT_TARGET_PATH": str(project_dir / "target"),
           "DBT_LOG_PATH": str(root / "logs"), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    parsed = subprocess.run([str(BIN / "dbt"), "parse", "--quiet"], cwd=project_dir, env=env, capture_output=True,
                            text=True, timeout=300, check=False)
    assert parsed.returncode == 0, parsed.stdout + parsed.stderr
    assert (project_dir / "target" / "semantic_manifest.json").is_file()
    return SemanticProject(root, project_dir, warehouse, env)


def mart(project: SemanticProject, sql: str) -> list[dict]:
    con = duckdb.connect(str(project.warehouse), read_only=True)
    try:
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    finally:
        con.close()


def number(text: str) -> float | None:
    return None if text in ("", "None", "nan") else float(text)


def assert_same(mf_rows: list[dict[str, str]], mart_rows: list[dict], keys: dict[str, str],
                metrics: dict[str, str]) -> None:
    """Every (key) row of the mart equals MetricFlow's row, metric by metric, to 1e-9; the key sets are equal.

    `keys` maps mf column -> mart column; `metrics` maps mf metric -> mart column.
    """
    got = {tuple(r[k] for k in keys): r for r in mf_rows}
    want = {tuple(str(r[c]) for c in keys.values()): r for r in mart_rows}
    assert len(got) == len(mf_rows), "MetricFlow returned duplicate keys"
    assert want, "the mart has no rows to compare"
    assert set(got) == set(want), (sorted(set(got) ^ set(want)))[:5]
    for key, row in want.items():
        for metric, column in metrics.items():
            actual, expected = number(got[key][metric]), row[column]
            if expected is None:
                assert actual is None, (key, metric, actual)
            else:
                # shares and scores to 1e-9 absolute; amounts (millions, summed in another order) to 1e-9 relative
                assert actual is not None and math.isclose(actual, expected, rel_tol=TOLERANCE, abs_tol=TOLERANCE), (
                    key, metric, actual, expected)


SHARES = {"bookings": "bookings_amount", "on_strategy_share": "on_strategy_share",
          "new_logo_share": "new_logo_share", "strategic_product_share": "strategic_product_share"}


def test_shares_by_rep_and_quarter_equal_the_rep_mart(semantic: SemanticProject) -> None:
    rows = semantic.query(list(SHARES), ["rep", "metric_time__fiscal_quarter"])
    expected = mart(semantic, "select * from marts.fct_strategy_adherence_by_rep where booking_lines > 0")
    assert_same(rows, expected, {"metric_time__fiscal_quarter": "fiscal_quarter", "rep": "rep_id"}, SHARES)


def test_bookings_by_team_equal_the_team_mart(semantic: SemanticProject) -> None:
    # team through the rep entity (marts.dim_reps), as the mart defines it
    rows = semantic.query(list(SHARES), ["rep__team", "metric_time__fiscal_quarter"])
    expected = mart(semantic, "select * from marts.fct_strategy_adherence_by_team where booking_lines > 0")
    assert_same(rows, expected, {"metric_time__fiscal_quarter": "fiscal_quarter", "rep__team": "team"}, SHARES)


def test_strategy_credit_by_rep_equals_the_credit_mart(semantic: SemanticProject) -> None:
    metrics = {"bookings": "bookings_amount", "strategy_credit": "strategy_credit", "credit_ratio": "credit_ratio",
               "unjustified_off_strategy_share": "unjustified_off_strategy_share"}
    rows = semantic.query(list(metrics), ["rep", "metric_time__fiscal_quarter"])
    expected = mart(semantic, "select credit.*, adherence.unjustified_off_strategy_share "
                              "from marts.fct_strategy_credit_by_rep as credit "
                              "inner join marts.fct_strategy_adherence_by_rep as adherence "
                              "using (fiscal_quarter, rep_id) where credit.bookings_amount > 0")
    assert_same(rows, expected, {"metric_time__fiscal_quarter": "fiscal_quarter", "rep": "rep_id"}, metrics)


@pytest.mark.parametrize(("dimension", "table", "column"), [
    ("booking__segment", "fct_strategy_adherence_by_segment", "segment"),
    ("booking__persona", "fct_strategy_adherence_by_persona", "persona"),
    ("booking__product_line", "fct_strategy_adherence_by_product", "product_line"),
])
def test_bookings_by_segment_persona_product_line(semantic: SemanticProject, dimension: str, table: str,
                                                  column: str) -> None:
    metrics = {"bookings": "bookings_amount", "on_strategy_share": "on_strategy_share"}
    rows = semantic.query(list(metrics), [dimension, "metric_time__fiscal_quarter"])
    expected = mart(semantic, f"select * from marts.{table} where bookings_amount > 0")
    assert_same(rows, expected, {"metric_time__fiscal_quarter": "fiscal_quarter", dimension: column}, metrics)


def test_non_additive_scores_at_their_grain(semantic: SemanticProject) -> None:
    rep = {"product_balance_score": "product_balance_score", "adherence_score": "adherence_score"}
    rows = semantic.query(list(rep), ["rep", "metric_time__fiscal_quarter"])
    expected = mart(semantic, "select * from marts.fct_strategy_adherence_by_rep")
    assert any(r["product_balance_score"] is not None for r in expected)
    assert_same(rows, expected, {"metric_time__fiscal_quarter": "fiscal_quarter", "rep": "rep_id"}, rep)

    team = {"team_product_balance_score": "product_balance_score", "team_adherence_score": "adherence_score"}
    rows = semantic.query(list(team), ["team_quarter__team", "metric_time__fiscal_quarter"])
    expected = mart(semantic, "select * from marts.fct_strategy_adherence_by_team")
    assert_same(rows, expected, {"metric_time__fiscal_quarter": "fiscal_quarter", "team_quarter__team": "team"},
                team)

    company = {"company_product_balance_score": "product_balance_score",
               "company_adherence_score": "adherence_score"}
    rows = semantic.query(list(company), ["metric_time__fiscal_quarter"])
    expected = mart(semantic, "select * from marts.fct_strategy_adherence_company")
    assert_same(rows, expected, {"metric_time__fiscal_quarter": "fiscal_quarter"}, company)


def test_site_publishes_dbt_docs_linked_from_definitions(demo_run: PipelineRun) -> None:
    docs = demo_run.site_dir / "dbt-docs" / "index.html"
    assert docs.is_file()
    page = docs.read_text(encoding="utf-8")
    # the static page embeds manifest and catalog (works from file://), with lineage of the marts
    assert '"model.onstrategy.fct_bookings"' in page
    assert '"model.onstrategy.fct_strategy_adherence_by_rep"' in page
    # with usage stats on, dbt's page would load a tracker script from a CDN: the site must stay offline
    assert '"send_anonymous_usage_stats": false' in page
    definitions = (demo_run.site_dir / "definitions.html").read_text(encoding="utf-8")
    assert 'href="dbt-docs/index.html"' in definitions
    assert "Model docs and lineage (dbt)" in definitions
