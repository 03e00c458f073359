"""Fiscal calendar: start months 1, 2 and 7; FY named by the calendar year in which it ends."""

from datetime import date

import pytest

from onstrategy.strategy.fiscal import fiscal_calendar, fiscal_quarter_bounds, fiscal_quarter_label, fiscal_year


@pytest.mark.parametrize(
    ("day", "start_month", "label", "bounds"),
    [
        # start month 1: the fiscal year is the calendar year
        (date(2026, 1, 1), 1, "FY2026-Q1", (date(2026, 1, 1), date(2026, 3, 31))),
        (date(2026, 12, 31), 1, "FY2026-Q4", (date(2026, 10, 1), date(2026, 12, 31))),
        # start month 2: FY2027 runs 2026-02-01 .. 2027-01-31 (SPEC example)
        (date(2026, 1, 31), 2, "FY2026-Q4", (date(2025, 11, 1), date(2026, 1, 31))),
        (date(2026, 2, 1), 2, "FY2027-Q1", (date(2026, 2, 1), date(2026, 4, 30))),
        (date(2026, 11, 15), 2, "FY2027-Q4", (date(2026, 11, 1), date(2027, 1, 31))),
        (date(2027, 1, 31), 2, "FY2027-Q4", (date(2026, 11, 1), date(2027, 1, 31))),
        # start month 7: FY2027 runs 2026-07-01 .. 2027-06-30
        (date(2026, 6, 30), 7, "FY2026-Q4", (date(2026, 4, 1), date(2026, 6, 30))),
        (date(2026, 7, 1), 7, "FY2027-Q1", (date(2026, 7, 1), date(2026, 9, 30))),
        (date(2027, 1, 1), 7, "FY2027-Q3", (date(2027, 1, 1), date(2027, 3, 31))),
        (date(2024, 2, 29), 7, "FY2024-Q3", (date(2024, 1, 1), date(2024, 3, 31))),
    ],
)
def test_quarter_labels_and_bounds(day: date, start_month: int, label: str, bounds: tuple[date, date]) -> None:
    assert fiscal_quarter_label(day, start_month) == label
    assert fiscal_quarter_bounds(day, start_month) == bounds


def test_fiscal_year_names_the_year_it_ends() -> None:
    assert fiscal_year(date(2026, 2, 1), 2) == 2027
    assert fiscal_year(date(2026, 1, 31), 2) == 2026
    assert fiscal_year(date(2026, 6, 1), 1) == 2026
    assert fiscal_year(date(2026, 12, 1), 12) == 2027
    assert fiscal_year(date(2026, 11, 30), 12) == 2026


@pytest.mark.parametrize("start_month", [1, 2, 7, 12])
def test_vectorized_calendar_agrees_with_the_scalar_functions(start_month: int) -> None:
    table = fiscal_calendar(start_month, [date(2025, 2, 1)], first=date(2023, 12, 1), last=date(2027, 3, 31))
    rows = table.to_pylist()
    assert len(rows) == (date(2027, 3, 31) - date(2023, 12, 1)).days + 1
    for row in rows[::7]:
        day = row["date_day"]
        assert row["fiscal_quarter"] == fiscal_quarter_label(day, start_month)
        assert (row["fiscal_quarter_start"], row["fiscal_quarter_end"]) == fiscal_quarter_bounds(day, start_month)
        assert row["fiscal_year"] == fiscal_year(day, start_month)
    indexes = [r["fiscal_quarter_index"] for r in rows]
    assert indexes == sorted(indexes)
    assert set(indexes) == set(range(indexes[0], indexes[-1] + 1))  # consecutive quarters differ by 1


def test_versions_in_force_including_a_change_mid_quarter() -> None:
    # start month 2: FY2027-Q1 = Feb..Apr 2026; version 2 takes effect 2026-03-15, mid-quarter
    table = fiscal_calendar(2, [date(2025, 2, 1), date(2026, 3, 15)], first=date(2024, 1, 1), last=date(2026, 6, 1))
    by_day = {r["date_day"]: r for r in table.to_pylist()}
    assert by_day[date(2024, 1, 1)]["version_id"] == 1  # before the first version: judged by the first
    assert by_day[date(2026, 3, 14)]["version_id"] == 1
    assert by_day[date(2026, 3, 15)]["version_id"] == 2
    assert by_day[date(2026, 3, 15)]["quarter_version_id"] == 1  # the quarter opened under version 1
    assert by_day[date(2026, 5, 1)]["quarter_version_id"] == 2
