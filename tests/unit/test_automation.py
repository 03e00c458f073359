"""The landing-zone sensor starts a run when a batch arrives, and not otherwise."""

from pathlib import Path

import pytest
from dagster import RunRequest, SkipReason, build_sensor_context

from onstrategy.defs.automation import landing_fingerprint, landing_zone_sensor


def _evaluate(cursor: str | None) -> tuple[list, str | None]:
    context = build_sensor_context(cursor=cursor)
    results = list(landing_zone_sensor(context))
    return results, context.cursor


def test_sensor_fires_on_new_batch_and_not_on_unchanged_landing(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONSTRATEGY_LANDING", str(tmp_path))
    (tmp_path / "salesforce").mkdir()
    (tmp_path / "salesforce" / "Account.csv").write_text("Id\n1\n")

    first, cursor = _evaluate(None)
    assert len(first) == 1 and isinstance(first[0], RunRequest)

    unchanged, same_cursor = _evaluate(cursor)
    assert len(unchanged) == 1 and isinstance(unchanged[0], SkipReason)
    assert same_cursor == cursor

    (tmp_path / "salesforce" / "Account").mkdir()
    (tmp_path / "salesforce" / "Account" / "0002.csv").write_text("Id\n2\n")
    after_batch, new_cursor = _evaluate(cursor)
    assert len(after_batch) == 1 and isinstance(after_batch[0], RunRequest)
    assert new_cursor != cursor


def test_fingerprint_ignores_files_that_are_not_landing_data(tmp_path: Path) -> None:
    (tmp_path / "stripe").mkdir()
    (tmp_path / "stripe" / "customers.jsonl").write_text("{}\n")
    before = landing_fingerprint(tmp_path)
    (tmp_path / "stripe" / "README.txt").write_text("notes")
    assert landing_fingerprint(tmp_path) == before
    (tmp_path / "stripe" / "invoices.jsonl").write_text("{}\n")
    assert landing_fingerprint(tmp_path) != before
