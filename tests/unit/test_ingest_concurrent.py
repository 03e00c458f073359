"""Loading landing objects side by side (onstrategy.ingest.concurrent) and how the ingest step reports failures."""

import csv
import threading
from pathlib import Path

import duckdb
import pytest

from onstrategy.defs.ingest import raise_load_failures
from onstrategy.demo import generate_landing_zone
from onstrategy.errors import OnstrategyError
from onstrategy.ingest import ALL_OBJECTS, load_object
from onstrategy.ingest import concurrent as concurrent_ingest
from onstrategy.ingest.concurrent import ObjectOutcome, load_objects

ACCOUNT = next(o for o in ALL_OBJECTS if o.name == "Account")
CONTACT = next(o for o in ALL_OBJECTS if o.name == "Contact")
INVOICES = next(o for o in ALL_OBJECTS if o.name == "invoices")
# the ledger columns a second load of the same files reproduces exactly
LEDGER = ("source, object, source_file, rows_read, rows_rejected, file_bytes, file_mtime_ns, file_digest, "
          "batch_rank, newest_record_at")


@pytest.fixture(scope="module")
def demo_landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    landing = tmp_path_factory.mktemp("concurrent") / "landing"
    generate_landing_zone(landing, scale=0.05, seed=3)
    return landing


def _outcomes(database: Path, landing: Path, objects=ALL_OBJECTS, workers: int = 3) -> list[ObjectOutcome]:
    with duckdb.connect(str(database)) as con:
        return list(load_objects(con, landing, objects, workers=workers))


def _table_rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    return con.execute(f"select * from {table} order by all").fetchall()


def test_side_by_side_loads_give_the_tables_of_one_at_a_time_loads(demo_landing: Path, tmp_path: Path) -> None:
    outcomes = _outcomes(tmp_path / "side_by_side.duckdb", demo_landing)
    assert [o.error for o in outcomes] == [None] * len(ALL_OBJECTS)
    assert sorted(o.obj.name for o in outcomes) == sorted(o.name for o in ALL_OBJECTS)

    with duckdb.connect(str(tmp_path / "one_at_a_time.duckdb")) as con:
        expected = {obj.name: load_object(con, demo_landing, obj) for obj in ALL_OBJECTS}
    assert {o.obj.name: o.loads for o in outcomes} == expected

    with duckdb.connect(str(tmp_path / "side_by_side.duckdb"), read_only=True) as side_by_side, \
            duckdb.connect(str(tmp_path / "one_at_a_time.duckdb"), read_only=True) as one_at_a_time:
        for obj in ALL_OBJECTS:  # every value, file and record number (`_source_line`) the same
            assert _table_rows(side_by_side, obj.qualified_table) == _table_rows(one_at_a_time, obj.qualified_table)
        ledger = f"select {LEDGER} from audit.ingested_files order by source, object, batch_rank"
        assert side_by_side.execute(ledger).fetchall() == one_at_a_time.execute(ledger).fetchall()
        pending = "select * from audit.pending_changes order by all"
        assert side_by_side.execute(pending).fetchall() == one_at_a_time.execute(pending).fetchall()
        assert len(side_by_side.execute(pending).fetchall()) == len(ALL_OBJECTS)


def test_two_workers_load_two_objects_at_the_same_time(demo_landing: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Each load waits at a barrier for the other: loads one after the other would break it (timeout)."""
    both_started = threading.Barrier(2, timeout=15)

    def load_after_the_other_started(con, landing, obj):
        both_started.wait()
        return load_object(con, landing, obj)

    monkeypatch.setattr(concurrent_ingest, "load_object", load_after_the_other_started)
    outcomes = _outcomes(tmp_path / "w.duckdb", demo_landing, [ACCOUNT, INVOICES], workers=2)
    assert [(o.obj.name, o.error) for o in sorted(outcomes, key=lambda o: o.obj.name)] == [
        ("Account", None), ("invoices", None)]


def test_the_largest_object_starts_first(demo_landing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[str] = []

    def record_start(con, landing, obj):
        started.append(obj.name)
        return load_object(con, landing, obj)

    monkeypatch.setattr(concurrent_ingest, "load_object", record_start)
    _outcomes(tmp_path / "w.duckdb", demo_landing, [ACCOUNT, CONTACT, INVOICES], workers=1)
    sizes = {obj.name: concurrent_ingest.landing_bytes(demo_landing, obj) for obj in (ACCOUNT, CONTACT, INVOICES)}
    assert started == sorted(sizes, key=sizes.__getitem__, reverse=True)
    assert sizes[started[0]] > sizes[started[-1]] > 0


def test_a_failed_object_is_rolled_back_and_the_others_are_loaded(demo_landing: Path, tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    for obj in (ACCOUNT, CONTACT):
        source = demo_landing / "salesforce" / f"{obj.name}.csv"
        (landing / "salesforce").mkdir(parents=True, exist_ok=True)
        (landing / "salesforce" / source.name).write_bytes(source.read_bytes())
    database = tmp_path / "w.duckdb"
    assert [o.error for o in _outcomes(database, landing, [ACCOUNT, CONTACT])] == [None, None]
    with duckdb.connect(str(database), read_only=True) as con:
        contacts_before = _table_rows(con, CONTACT.qualified_table)
        ledger_before = con.execute(f"select {LEDGER} from audit.ingested_files where object = 'Contact'").fetchall()

    account, contact = landing / "salesforce" / "Account.csv", landing / "salesforce" / "Contact.csv"
    header, *records = account.read_text(encoding="utf-8").splitlines(keepends=True)
    account.write_text(header + "".join(records[:-3]), encoding="utf-8")  # three accounts fewer: a reload
    header, *records = contact.read_text(encoding="utf-8").splitlines(keepends=True)
    contact.write_text(header.replace("AccountId", "Account") + "".join(records), encoding="utf-8")

    outcomes = {o.obj.name: o for o in _outcomes(database, landing, [ACCOUNT, CONTACT])}
    assert outcomes["Account"].error is None
    assert sum(load.rows_read for load in outcomes["Account"].loads) == len(records_of(account))
    assert isinstance(outcomes["Contact"].error, OnstrategyError)
    assert "Contact.csv" in str(outcomes["Contact"].error) and "AccountId" in str(outcomes["Contact"].error)
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.execute(f"select count(*) from {ACCOUNT.qualified_table}").fetchone() == (len(records_of(account)),)
        assert _table_rows(con, CONTACT.qualified_table) == contacts_before
        assert con.execute(f"select {LEDGER} from audit.ingested_files where object = 'Contact'").fetchall() == \
            ledger_before


def records_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))[1:]


def test_expected_failures_are_reported_together_in_contract_order() -> None:
    failures = [ObjectOutcome(INVOICES, [], OnstrategyError("stripe/invoices.jsonl: not JSON lines")),
                ObjectOutcome(ACCOUNT, [], OnstrategyError("salesforce/Account.csv: missing required column(s)"))]
    with pytest.raises(OnstrategyError) as raised:
        raise_load_failures(failures, Path("w.duckdb.work"))
    assert str(raised.value) == ("salesforce/Account.csv: missing required column(s); "
                                 "stripe/invoices.jsonl: not JSON lines")


def test_an_unexpected_failure_is_raised_as_it_is() -> None:
    bug = RuntimeError("a bug, not a bad file")
    failures = [ObjectOutcome(ACCOUNT, [], OnstrategyError("salesforce/Account.csv: bad")),
                ObjectOutcome(CONTACT, [], bug)]
    with pytest.raises(RuntimeError) as raised:
        raise_load_failures(failures, Path("w.duckdb.work"))
    assert raised.value is bug


def test_a_database_failure_names_the_warehouse_once() -> None:
    full = duckdb.IOException('Could not write file "/data/w.duckdb.work.wal": No space left on device')
    failures = [ObjectOutcome(ACCOUNT, [], full), ObjectOutcome(CONTACT, [], full)]
    with pytest.raises(OnstrategyError) as raised:
        raise_load_failures(failures, Path("/data/w.duckdb.work"))
    assert str(raised.value) == ('/data/w.duckdb.work: cannot load the landing zone: Could not write file '
                                 '"/data/w.duckdb.work.wal": No space left on device; free some disk space and run '
                                 'again')
