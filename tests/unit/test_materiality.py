"""The sentences that say what the quarantine holds out, and the setting that blocks a run."""

from __future__ import annotations

import pytest

from onstrategy.errors import OnstrategyError
from onstrategy.settings import ENV_QUARANTINE_BLOCK_SHARE, quarantine_block_share, quarantine_warn_share
from onstrategy_site.materiality import cause_text, held_out_sentences


def _row(quarter: str | None, index: int | None, won: float, **kw) -> dict:
    row = {"fiscal_quarter": quarter, "fiscal_quarter_index": index, "object": "Opportunity",
           "reason": "missing_fx_rate", "root_object": "DatedConversionRate", "root_reason": "unparseable_number",
           "records": 2, "root_records": 3, "won_amount": won, "pipeline_amount": 0.0, "approximate_records": 0,
           "amount_unknown_records": 0, "bookings_amount": 65_000_000.0, "latest_bookings_quarter_index": 8108}
    return {**row, **kw}


def money(amount: float) -> str:
    return f"${amount / 1e6:.2f}M"


def test_the_spec_sentence() -> None:
    assert held_out_sentences([_row("FY2027-Q1", 8108, 3_250_000.0)], money) == [
        "$3.25M of FY2027-Q1 won business is not counted, 5.0% of the quarter's bookings: 2 opportunities, "
        "missing_fx_rate, caused by 3 quarantined DatedConversionRate rows (unparseable_number)"]


def test_a_record_that_is_its_own_root_names_no_cause() -> None:
    row = _row("FY2027-Q1", 8108, 1.0, object="OpportunityLineItem", reason="negative_quantity",
               root_object="OpportunityLineItem", root_reason="negative_quantity", records=1, root_records=1)
    assert cause_text(row) == "1 opportunity line item, negative_quantity"


def test_only_the_four_recent_quarters_with_won_business_largest_first() -> None:
    rows = [_row("FY2026-Q4", 8107, 9e6, latest_bookings_quarter_index=8111),  # five quarters back: not recent
            _row("FY2027-Q2", 8109, 1e6, latest_bookings_quarter_index=8111),
            _row("FY2027-Q3", 8110, 2e6, latest_bookings_quarter_index=8111),
            _row("FY2027-Q3", 8110, 0.0, reason="orphan_account", latest_bookings_quarter_index=8111),
            _row(None, None, 5e6)]  # a date that could not be read: no quarter
    sentences = held_out_sentences(rows, money)
    assert [s.split(" won business")[0] for s in sentences] == ["$2.00M of FY2027-Q3", "$1.00M of FY2027-Q2"]
    assert "orphan_account" not in sentences[0]


def test_causes_of_a_quarter_are_listed_largest_first_then_counted() -> None:
    rows = [_row("FY2027-Q1", 8108, float(amount), reason=reason, root_object="Opportunity", root_reason=reason)
            for amount, reason in [(1, "a"), (4, "b"), (3, "c"), (2, "d"), (5, "e")]]
    (sentence,) = held_out_sentences(rows, lambda amount: f"${amount:.0f}")
    assert sentence.startswith("$15 of FY2027-Q1 won business is not counted")
    assert sentence.endswith("2 opportunities, e; 2 opportunities, b; 2 opportunities, c; and 2 more causes")


def test_approximate_and_unknown_amounts_are_flagged() -> None:
    (sentence,) = held_out_sentences([_row("FY2027-Q1", 8108, 300.0, approximate_records=2,
                                           amount_unknown_records=1)], money)
    assert "(2 converted at the rate nearest their date; 1 of unknown amount)" in sentence


def test_the_block_share_comes_from_the_dbt_project_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_QUARANTINE_BLOCK_SHARE, raising=False)
    assert (quarantine_block_share(), quarantine_warn_share()) == (0.05, 0.005)
    monkeypatch.setenv(ENV_QUARANTINE_BLOCK_SHARE, "0.2")
    assert quarantine_block_share() == 0.2
    monkeypatch.setenv(ENV_QUARANTINE_BLOCK_SHARE, "off")
    assert quarantine_block_share() == float("inf")
    for bad in ("five percent", "-0.1", "nan", "inf"):
        monkeypatch.setenv(ENV_QUARANTINE_BLOCK_SHARE, bad)
        with pytest.raises(OnstrategyError, match=f"{ENV_QUARANTINE_BLOCK_SHARE}='{bad}': expected a share"):
            quarantine_block_share()
