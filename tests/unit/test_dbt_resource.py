"""The dbt resource knows the installed dbt's version without running `dbt --version`, and agrees with it."""

import re
import subprocess
import sys
from pathlib import Path

import dagster_dbt.core.resource as dagster_dbt_resource
import dbt.adapters.factory as dbt_adapter_factory
import pytest
from packaging import version

from onstrategy.defs.dbt import InstalledDbtCliResource, dbt_project, dbt_resource


def _reported_version(executable: str) -> version.Version:
    output = subprocess.check_output([executable, "--version"], text=True)
    match = re.search(r"(\d+\.\d+\.\d+)", output)
    assert match, output
    return version.parse(match.group(1))


def test_the_installed_dbt_version_is_read_without_running_dbt(monkeypatch: pytest.MonkeyPatch) -> None:
    resource = dbt_resource()
    # the dbt a run starts: onstrategy-dbt (dbt, killed with the run: onstrategy.run.children) beside this Python
    assert Path(resource.dbt_executable) == Path(sys.executable).with_name("onstrategy-dbt")
    expected = _reported_version(resource.dbt_executable)  # what dagster-dbt itself would have found

    def no_subprocess(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("dbt --version should not run for the dbt beside this Python")

    monkeypatch.setattr(dagster_dbt_resource, "check_output", no_subprocess)
    assert resource._cli_version == expected


def test_another_dbt_executable_is_asked_for_its_version(tmp_path: Path) -> None:
    elsewhere = tmp_path / "dbt"
    elsewhere.write_text("#!/bin/sh\necho 'Core:'\necho '  - installed: 9.8.7'\n")
    elsewhere.chmod(0o755)
    resource = InstalledDbtCliResource(project_dir=dbt_project, profiles_dir=str(dbt_project.profiles_dir),
                                       dbt_executable=str(elsewhere))
    assert resource._cli_version == version.parse("9.8.7")


def test_no_dbt_adapter_is_loaded_in_the_dagster_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_adapter(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the dbt adapter should not be registered in the Dagster process")

    monkeypatch.setattr(dbt_adapter_factory, "register_adapter", no_adapter)  # dagster-dbt imports it from here
    assert dbt_resource()._initialize_dbt_core_adapter(["build"]) is None


def test_nothing_needs_the_in_process_dbt_adapter() -> None:
    """dagster-dbt's row counts and column metadata need the adapter the resource no longer loads."""
    sources = Path(__file__).resolve().parents[2] / "orchestration"
    callers = [f"{path.relative_to(sources)}:{number}" for path in sources.rglob("*.py")
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
               if re.search(r"\.(fetch_row_counts|fetch_column_metadata)\(", line)]
    assert callers == [], f"these call dagster-dbt metadata fetches, which need a dbt adapter: {callers}"
