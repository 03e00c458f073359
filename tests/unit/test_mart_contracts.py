"""The marts are the interface: on DuckDB every mart is an enforced dbt contract (column names and types), its key
a primary key, and the YAML's types agree with the metric registry (onstrategy.metrics)."""

import json

from onstrategy.metrics import BY_NAME
from onstrategy.transform.project import dbt_project, ensure_manifest


def _marts() -> dict[str, dict]:
    manifest = json.loads(ensure_manifest().read_text(encoding="utf-8"))
    return {node["name"]: node for node in manifest["nodes"].values()
            if node["resource_type"] == "model" and node["schema"] == "marts"}


def test_every_mart_enforces_a_contract_with_a_type_for_every_column() -> None:
    marts = _marts()
    assert len(marts) >= 20
    for name, node in marts.items():
        assert node["config"]["contract"]["enforced"] is True, name
        untyped = [column for column, spec in node["columns"].items() if not spec.get("data_type")]
        assert untyped == [], f"{name}: columns without data_type: {untyped}"


def test_metric_columns_have_the_registry_type() -> None:
    for name, node in _marts().items():
        for column, spec in node["columns"].items():
            if column in BY_NAME and name.startswith("fct_strategy_adherence"):
                assert spec["data_type"] == BY_NAME[column].data_type, (name, column)


def test_keyed_marts_declare_their_key_as_primary_key() -> None:
    marts = _marts()
    # as_of is one row; fct_activities (the largest mart, rebuilt incrementally by delete and insert) keeps its key
    # as unique and not_null tests: docs/decisions.md, "Mart contracts and primary keys"
    keyed = {name: node for name, node in marts.items() if name not in ("as_of", "fct_activities")}
    for name, node in keyed.items():
        keys = [c["columns"] for c in node.get("constraints", []) if c["type"] == "primary_key"]
        assert len(keys) == 1 and keys[0], name
        # a primary key is also unique and not null: the key's columns are documented columns of the mart
        assert set(keys[0]) <= set(node["columns"]), name


def test_the_contract_is_enforced_on_duckdb_only() -> None:
    config = (dbt_project.project_dir / "dbt_project.yml").read_text(encoding="utf-8")
    assert "enforced: \"{{ target.type == 'duckdb' }}\"" in config
