"""The input contract as the one home of the landing objects: Id normalisation, the generated files, the kinds."""

from __future__ import annotations

import random
import string

import duckdb
import pytest

from onstrategy.codegen import main as codegen_main
from onstrategy.codegen import stale_files
from onstrategy.ingest.contracts import FIELD_KINDS, SALESFORCE_OBJECTS
from onstrategy.ingest.salesforce_ids import case_safe_suffix, checksum_sql, to_18, to_18_sql
from onstrategy.strategy.fiscal import CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY

# Published 15 -> 18 character pairs (Salesforce's own documentation example and widely used library test suites).
KNOWN_PAIRS = [("001A0000006Vm9r", "001A0000006Vm9rIAC"), ("00558000001N0Ke", "00558000001N0KeAAK"),
               ("003A0000008qb1s", "003A0000008qb1sIAA"), ("701000000000001", "701000000000001AAA")]


@pytest.mark.parametrize(("short", "full"), KNOWN_PAIRS)
def test_the_checksum_gives_the_published_18_character_ids(short: str, full: str) -> None:
    assert to_18(short) == full
    assert to_18(full) == full  # an 18-character Id is kept as written


@pytest.mark.parametrize("value", ["", "001", "001A0000006Vm9rI", "001A0000006Vm9r!", "cus_NffrFeUfNV2Hib"])
def test_values_that_are_not_15_character_ids_are_left_alone(value: str) -> None:
    assert to_18(value) == value


def test_the_sql_and_python_forms_agree() -> None:
    """The ingest's SQL (and so the dbt macro generated from the same expression) against the reference."""
    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits
    values = [short for short, _ in KNOWN_PAIRS] + ["".join(rng.choices(alphabet, k=15)) for _ in range(500)]
    values += ["00Q1x", "0".join(rng.choices(alphabet, k=9)), None]
    with duckdb.connect() as con:
        con.execute("create table ids (value varchar)")
        con.executemany("insert into ids values (?)", [[v] for v in values])
        got = [row[0] for row in con.execute(f"select {to_18_sql('value')} from ids").fetchall()]
    assert got == [None if v is None else to_18(v) for v in values]
    assert "A" <= case_safe_suffix("abcdeABCDE01234")[0] <= "Z"
    assert "regexp" not in checksum_sql("x")  # the checksum part is portable SQL (Spark has no regexp_full_match)


def test_the_generated_files_are_current() -> None:
    """The dbt sources, the quarantine models' docs and tests, the contract macro and docs/input-contract.md are
    generated from contracts.py: a contract change without `make generate` fails here."""
    assert stale_files() == []
    assert codegen_main(["--check"]) == 0


def test_every_id_and_typed_field_is_a_column_of_its_object() -> None:
    for obj in SALESFORCE_OBJECTS:
        assert set(obj.id_columns) <= set(obj.columns), obj.name
        assert set(obj.field_kinds) <= set(obj.columns), obj.name
        assert set(obj.field_kinds.values()) <= set(FIELD_KINDS), obj.name
        if obj.keyed:
            assert "Id" in obj.id_columns and obj.quarantine_reasons[:2] == ("missing_id", "conflicting_duplicate")


def test_event_dates_are_judged_against_the_fiscal_calendar() -> None:
    """One home for the plausible event dates: the calendar's span (SPEC: 1900 to 2199)."""
    for name in ("event_date", "event_datetime"):
        kind = FIELD_KINDS[name]
        assert (kind.minimum, kind.maximum) == (CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY)
    assert (CALENDAR_FIRST_DAY.isoformat(), CALENDAR_LAST_DAY.isoformat()) == ("1900-01-01", "2199-12-31")
    event_dates = {(obj.name, c) for obj in SALESFORCE_OBJECTS for c, k in obj.field_kinds.items()
                   if k.startswith("event_")}
    assert {("Opportunity", "CloseDate"), ("Opportunity", "CreatedDate"), ("Task", "ActivityDate"),
            ("Event", "ActivityDate")} <= event_dates
    rate = next(obj for obj in SALESFORCE_OBJECTS if obj.name == "DatedConversionRate")
    assert rate.field_kinds["NextStartDate"] == "date"  # an end of validity: 9999-12-31 is legitimate
