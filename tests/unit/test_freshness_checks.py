"""Freshness checks warn when a source's newest record is older than allowed, and never block a run."""

from datetime import UTC, datetime, timedelta

import pytest
from dagster import AssetCheckSeverity

from onstrategy.assets.checks import freshness_checks, freshness_result, max_age_days, newest_record_sql
from onstrategy.ingest import ALL_OBJECTS

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_one_day_old_passes_three_days_old_warns() -> None:
    fresh = freshness_result(NOW - timedelta(days=1), NOW, 2)
    stale = freshness_result(NOW - timedelta(days=3), NOW, 2)
    assert fresh.passed and not stale.passed
    assert stale.severity == AssetCheckSeverity.WARN
    assert stale.metadata["age_days"].value == 3.0


def test_naive_timestamps_are_utc_and_no_records_warns() -> None:
    assert freshness_result(datetime(2026, 11, 30, 12, 0), NOW, 1.0).passed
    assert not freshness_result(None, NOW, 1.0).passed


def test_allowed_age_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONSTRATEGY_MAX_SOURCE_AGE_DAYS", "30")
    assert max_age_days() == 30


def test_every_source_with_a_modification_date_has_a_non_blocking_check() -> None:
    with_dates = [obj for obj in ALL_OBJECTS if newest_record_sql(obj) is not None]
    # UserRole and DatedConversionRate exports often have no SystemModstamp (optional in the contract)
    assert {obj.name for obj in ALL_OBJECTS} - {obj.name for obj in with_dates} == {"UserRole", "DatedConversionRate"}
    specs = [spec for check in freshness_checks for spec in check.check_specs]
    assert len(specs) == len(with_dates)
    assert not any(spec.blocking for spec in specs)
