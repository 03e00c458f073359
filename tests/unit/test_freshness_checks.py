"""Freshness checks warn when a source's newest record is older than allowed, and never block a run."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from dagster import AssetCheckSeverity

from onstrategy.defs.checks import freshness_checks, freshness_result, max_age_days, newest_record_sql
from onstrategy.ingest import ALL_OBJECTS, load_object

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


def test_the_newest_record_is_computed_per_file_at_load(tmp_path: Path) -> None:
    """The check reads the ledger: each file's newest record, taken once as the file is loaded (appends included)."""
    customers = next(obj for obj in ALL_OBJECTS if obj.name == "customers")
    folder = tmp_path / "stripe" / "customers"
    folder.mkdir(parents=True)
    day = 86_400
    (folder / "0001.jsonl").write_text(
        f'{{"id": "cus_1", "created": {20_000 * day}}}\n{{"id": "cus_2", "created": {20_002 * day}}}\nnot json\n',
        encoding="utf-8")
    con = duckdb.connect()
    load_object(con, tmp_path, customers)
    query = newest_record_sql(customers)
    assert query is not None
    assert con.execute(query).fetchone()[0] == datetime(1970, 1, 1) + timedelta(days=20_002)

    (folder / "0002.jsonl").write_text(f'{{"id": "cus_1", "created": {20_005 * day}}}\n', encoding="utf-8")
    load_object(con, tmp_path, customers)  # appended: only the new file is read
    per_file = con.execute("select source_file, newest_record_at from audit.ingested_files "
                           "order by batch_rank").fetchall()
    assert per_file == [("stripe/customers/0001.jsonl", datetime(1970, 1, 1) + timedelta(days=20_002)),
                        ("stripe/customers/0002.jsonl", datetime(1970, 1, 1) + timedelta(days=20_005))]
    assert con.execute(query).fetchone()[0] == datetime(1970, 1, 1) + timedelta(days=20_005)


def test_salesforce_files_take_the_newest_system_modstamp(tmp_path: Path) -> None:
    account = next(obj for obj in ALL_OBJECTS if obj.name == "Account")
    header = ("Id,Name,Website,Industry,NumberOfEmployees,AnnualRevenue,BillingCountry,OwnerId,CreatedDate,"
              "IsDeleted,SystemModstamp")
    rows = ["001A,A,,,,,,005A,2025-01-01,false,2026-11-29T10:00:00.000+0000",
            "001B,B,,,,,,005A,2025-01-01,false,2026-11-30T09:30:00.000+0100",
            "001C,C,,,,,,005A,2025-01-01,false,not a date"]
    (tmp_path / "salesforce").mkdir()
    (tmp_path / "salesforce" / "Account.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    con = duckdb.connect()
    load_object(con, tmp_path, account)
    query = newest_record_sql(account)
    assert query is not None
    assert con.execute(query).fetchone()[0] == datetime(2026, 11, 30, 8, 30)
