"""The Dagster code location loads, validates and wires raw -> staging -> marts -> site."""

import subprocess
import sys
from pathlib import Path

from dagster import AssetKey

from tests.conftest import PROJECT_ROOT


def test_dagster_definitions_validate() -> None:
    dagster = Path(sys.executable).with_name("dagster")
    result = subprocess.run([str(dagster), "definitions", "validate", "-m", "onstrategy.definitions"],
                            capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_lineage_runs_from_ingest_through_dbt_to_site() -> None:
    from onstrategy.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = set(graph.get_all_asset_keys())
    assert AssetKey(["salesforce", "account"]) in keys
    assert AssetKey(["stripe", "invoices"]) in keys
    assert AssetKey(["marts", "fct_bookings"]) in keys

    def upstream(key: AssetKey) -> set[AssetKey]:
        seen, todo = set(), [key]
        while todo:
            for parent in graph.get(todo.pop()).parent_keys:
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    site_upstream = upstream(AssetKey("site"))
    assert AssetKey(["marts", "fct_strategy_adherence_by_rep"]) in site_upstream
    assert AssetKey(["salesforce", "opportunity"]) in site_upstream
    assert any(k.path[0] == "staging" for k in site_upstream)
    assert any(k.path[0] == "strategy" for k in site_upstream)
    assert upstream(AssetKey("warehouse")) == site_upstream  # published as a pair, after the same assets
    groups = {graph.get(k).group_name for k in keys}
    assert {"salesforce", "stripe", "strategy", "staging", "marts", "publication"} <= groups


def test_every_asset_has_a_named_group_and_a_description() -> None:
    from onstrategy.definitions import defs

    nodes = list(defs.resolve_asset_graph().asset_nodes)
    ungrouped = [node.key for node in nodes if node.group_name in (None, "", "default")]
    undescribed = [node.key for node in nodes if not (node.description or "").strip()]
    assert ungrouped == [] and undescribed == []
    # the ingest's ledger tables are assets of group audit, named as users query them
    ledger = defs.resolve_asset_graph().get(AssetKey(["audit", "ingested_files"]))
    assert ledger.group_name == "audit"


def test_dbt_assets_are_named_as_users_query_the_tables() -> None:
    from onstrategy.defs.dbt import dbt_models

    names = {spec.key: spec.metadata.get("dagster/table_name") for spec in dbt_models.specs}
    assert names[AssetKey(["marts", "fct_bookings"])] == "marts.fct_bookings"
    assert not any("parse-only" in str(name) for name in names.values())
