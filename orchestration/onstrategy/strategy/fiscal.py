"""The fiscal calendar (shared SPEC, "Currency and calendar"): the one place fiscal years and quarters are defined.

A fiscal year is named by the calendar year in which it ends: with start month 2, FY2027 runs 2026-02-01 ..
2027-01-31. The warehouse gets this calendar as a table (`strategy.strategy_fiscal_calendar`), so SQL never
re-implements it.
"""

import re
from datetime import date, timedelta

import numpy as np
import pyarrow as pa

# The days the calendar covers are the plausible event dates (SPEC "Real exports": a CloseDate, CreatedDate or
# ActivityDate from 1900 to 2199); the quarantine rejects an event dated outside them (onstrategy.ingest.contracts).
CALENDAR_FIRST_DAY = date(1900, 1, 1)
CALENDAR_LAST_DAY = date(2199, 12, 31)
FIRST_VERSION_VALID_FROM = date(1900, 1, 1)
QUARTER_LABEL = re.compile(r"FY(\d{4})-Q([1-4])")

CALENDAR_SCHEMA = pa.schema([
    ("date_day", pa.date32()),
    ("fiscal_year", pa.int32()),
    ("fiscal_year_label", pa.string()),
    ("fiscal_quarter", pa.string()),
    ("fiscal_quarter_number", pa.int32()),
    ("fiscal_quarter_index", pa.int32()),
    ("fiscal_quarter_start", pa.date32()),
    ("fiscal_quarter_end", pa.date32()),
    ("version_id", pa.int32()),
    ("quarter_version_id", pa.int32()),
])


def fiscal_year(day: date, start_month: int) -> int:
    return day.year + 1 if start_month > 1 and day.month >= start_month else day.year


def fiscal_quarter(day: date, start_month: int) -> tuple[int, int]:
    """(fiscal year, quarter 1-4) of a day."""
    return fiscal_year(day, start_month), (day.month - start_month) % 12 // 3 + 1


def fiscal_quarter_label(day: date, start_month: int) -> str:
    year, quarter = fiscal_quarter(day, start_month)
    return f"FY{year}-Q{quarter}"


def fiscal_quarter_bounds(day: date, start_month: int) -> tuple[date, date]:
    """First and last day of the fiscal quarter containing `day`."""
    months_into_quarter = (day.month - start_month) % 3
    month_index = day.year * 12 + day.month - 1 - months_into_quarter
    start = date(month_index // 12, month_index % 12 + 1, 1)
    end_index = month_index + 3
    end = date(end_index // 12, end_index % 12 + 1, 1) - timedelta(days=1)
    return start, end


def fiscal_quarter_bounds_of_label(label: str, start_month: int) -> tuple[date, date] | None:
    """First and last day of the fiscal quarter labelled like `FY2027-Q1` (as fiscal_quarter_label writes it);
    None when `label` is not such a label."""
    match = QUARTER_LABEL.fullmatch(label)
    if match is None:
        return None
    year, quarter = int(match.group(1)), int(match.group(2))
    # a fiscal year is named by the calendar year it ends in: unless it starts in January, it starts the year before
    first_year = year - 1 if start_month > 1 else year
    month_index = first_year * 12 + start_month - 1 + 3 * (quarter - 1)
    return fiscal_quarter_bounds(date(month_index // 12, month_index % 12 + 1, 1), start_month)


def version_numbers(days: np.ndarray, effective_froms: list[date]) -> np.ndarray:
    """1-based number of the version in force on each day; days before the first version get version 1."""
    starts = np.array(effective_froms, dtype="datetime64[D]")
    return np.maximum(np.searchsorted(starts, days, side="right"), 1).astype(np.int32)


def version_number(day: date, effective_froms: list[date]) -> int:
    """`version_numbers` of a single day."""
    return int(version_numbers(np.array([day], dtype="datetime64[D]"), effective_froms)[0])


def fiscal_calendar(start_month: int, effective_froms: list[date], first: date = CALENDAR_FIRST_DAY,
                    last: date = CALENDAR_LAST_DAY) -> pa.Table:
    """One row per day with its fiscal quarter and the strategy version in force (vectorized)."""
    days = np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1)
    month_index = days.astype("datetime64[M]").astype(np.int64)  # months since 1970-01
    month = month_index % 12 + 1
    year = month_index // 12 + 1970
    fiscal_years = np.where((start_month > 1) & (month >= start_month), year + 1, year).astype(np.int32)
    quarters = ((month - start_month) % 12 // 3 + 1).astype(np.int32)
    quarter_start_month = month_index - (month - start_month) % 3
    quarter_starts = quarter_start_month.astype("datetime64[M]").astype("datetime64[D]")
    quarter_ends = (quarter_start_month + 3).astype("datetime64[M]").astype("datetime64[D]") - np.timedelta64(1, "D")
    year_labels = np.char.add("FY", fiscal_years.astype(str))
    labels = np.char.add(year_labels, np.char.add("-Q", quarters.astype(str)))
    return pa.table({
        "date_day": pa.array(days, pa.date32()),
        "fiscal_year": pa.array(fiscal_years, pa.int32()),
        "fiscal_year_label": pa.array(year_labels.astype(object), pa.string()),
        "fiscal_quarter": pa.array(labels.astype(object), pa.string()),
        "fiscal_quarter_number": pa.array(quarters, pa.int32()),
        "fiscal_quarter_index": pa.array(fiscal_years * 4 + quarters - 1, pa.int32()),
        "fiscal_quarter_start": pa.array(quarter_starts, pa.date32()),
        "fiscal_quarter_end": pa.array(quarter_ends, pa.date32()),
        "version_id": pa.array(version_numbers(days, effective_froms), pa.int32()),
        "quarter_version_id": pa.array(version_numbers(quarter_starts, effective_froms), pa.int32()),
    }, schema=CALENDAR_SCHEMA)
