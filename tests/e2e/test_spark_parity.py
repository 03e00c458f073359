"""Spark parity: the same landing zones through `onstrategy run` on DuckDB and with `--engine spark` give the same
tables, row by row (docs/scale-out.md).

Landing zones: the metric, quarantine and billing scenarios (hand-checked elsewhere, so they cover every metric
rule and bad-record path) and a small demo. Every table dbt publishes (schemas marts, audit, quarantine, semantic)
is compared by its key: same keys, numbers equal to 1e-9 relative, everything else equal. A summary per landing
zone (tables, rows, values, differences, seconds) goes to test-artifacts/spark-parity/.

Run with `make test-spark` (needs the `spark` extra and Java 17).
"""

from __future__ import annotations

import json
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from onstrategy.transform.project import ensure_manifest
from tests.conftest import ARTIFACTS, PROJECT_ROOT, run_cli
from tests.e2e.parity import compare_warehouses, dbt_table_keys

pytest.importorskip("pyspark", reason="the spark extra is not installed: make test-spark")

pytestmark = [pytest.mark.spark, pytest.mark.e2e]

COMPARED_SCHEMAS = ["marts", "audit", "quarantine", "semantic"]
# written by the ingest assets and the build bookkeeping (docs/architecture.md, "Incremental runs"), not by dbt
NOT_BUILT_BY_DBT = {"audit.ingested_files", "audit.pending_changes", "audit.last_build"}
SPARK_RUN_TIMEOUT = 1500


def _metrics(landing: Path) -> str:
    from tests.scenario.test_metrics import STRATEGY, build_landing

    build_landing().write(landing)
    return STRATEGY


def _quarantine(landing: Path) -> str:
    from tests.scenario.test_quarantine import STRATEGY, build_landing

    build_landing().write(landing)
    return STRATEGY


def _billing(landing: Path) -> str:
    from tests.scenario_billing.test_billing_outcomes import STRATEGY, build_landing

    build_landing(landing)
    return STRATEGY


def _demo(landing: Path) -> str:
    generated = run_cli("demo", "--out", str(landing), "--scale", "0.05", "--seed", "7")
    assert generated.returncode == 0, generated.stderr
    return (PROJECT_ROOT / "strategy.yml").read_text(encoding="utf-8")


LANDING_ZONES: dict[str, Callable[[Path], str]] = {
    "metrics": _metrics,
    "quarantine": _quarantine,
    "billing": _billing,
    "demo": _demo,
}


def _run(root: Path, engine: str) -> Path:
    warehouse = root / f"{engine}.duckdb"
    # the quarantine scenario's bad records hold out more than the materiality check allows (it is what the
    # comparison is about, so the check is off: tests/scenario/test_quarantine.py)
    result = run_cli("run", "--engine", engine, "--landing", str(root / "landing"),
                     "--strategy", str(root / "strategy.yml"), "--warehouse", str(warehouse),
                     "--site-dir", str(root / f"site-{engine}"), timeout=SPARK_RUN_TIMEOUT,
                     env={"ONSTRATEGY_QUARANTINE_BLOCK_SHARE": "off"})
    assert result.returncode == 0, f"{engine} run failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return warehouse


@pytest.mark.parametrize("name", list(LANDING_ZONES))
def test_spark_builds_the_same_tables_as_duckdb(name: str, tmp_path: Path) -> None:
    started = time.monotonic()
    strategy = LANDING_ZONES[name](tmp_path / "landing")
    (tmp_path / "strategy.yml").write_text(textwrap.dedent(strategy).lstrip(), encoding="utf-8")
    on_duckdb = _run(tmp_path, "duckdb")
    on_spark = _run(tmp_path, "spark")

    keys = dbt_table_keys(ensure_manifest())
    found = compare_warehouses(on_duckdb, on_spark, COMPARED_SCHEMAS, keys, skip=NOT_BUILT_BY_DBT)

    summary = {"landing_zone": name, "tables": found.tables, "rows": found.rows, "values": found.values,
               "differences": len(found.differences), "seconds": round(time.monotonic() - started, 1),
               "first_differences": found.differences[:50]}
    out = ARTIFACTS / "spark-parity"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(f"spark parity {name}: {found.tables} tables, {found.rows} rows, {found.values} values, "
          f"{len(found.differences)} differences, {summary['seconds']} s")
    assert found.tables > 0 and found.rows > 0
    assert not found.differences, "\n".join(found.differences[:50])
