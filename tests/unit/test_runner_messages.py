"""One-line failure messages of `onstrategy run` when dbt fails before writing its run results."""

import json
from pathlib import Path

from onstrategy.run.pipeline import _dbt_log_error


def test_plain_and_json_dbt_errors_are_found_in_the_run_log(tmp_path: Path) -> None:
    log = tmp_path / "run.log"
    assert _dbt_log_error(log) == ""
    log.write_text("Usage: dbt build [OPTIONS]\nError: Got unexpected extra arguments (a b)\n", encoding="utf-8")
    assert _dbt_log_error(log) == f"Error: Got unexpected extra arguments (a b) (full output: {log})"
    log.write_text("\n".join([
        json.dumps({"info": {"level": "info", "msg": "Running with dbt=1.11"}}),
        json.dumps({"info": {"level": "error", "msg": "Compilation Error in model x\n  unexpected '}'"}}),
        "not json {",
    ]), encoding="utf-8")
    assert _dbt_log_error(log) == f"Compilation Error in model x (full output: {log})"
    log.write_text("Encountered an error:\nRuntime Error\n  Runtime Error\n    [UNABLE_TO_INFER_SCHEMA] Unable to infer"
                   " schema for Parquet.\n", encoding="utf-8")
    assert _dbt_log_error(log) == ("Runtime Error: [UNABLE_TO_INFER_SCHEMA] Unable to infer schema for Parquet. "
                                   f"(full output: {log})")
    log.write_text("all good\n", encoding="utf-8")
    assert _dbt_log_error(log) == ""
