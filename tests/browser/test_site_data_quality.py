"""The data-quality page of the demo run's site in Chromium (from file://), against the warehouse it was built from:
a traffic light per source up top, the quarantine's held-out amount in money, the audit tables folded away, times
as dates, nothing wider than a phone."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from onstrategy.labels import label
from onstrategy_site.collect import FRESH_DAYS, STALE_DAYS
from onstrategy_site.formatting import Formatter
from tests.conftest import PipelineRun

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def _query(demo_run: PipelineRun, sql: str) -> list[tuple]:
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_each_source_has_its_light_from_the_ingest_ledger(demo_run: PipelineRun, browser) -> None:
    rows = _query(demo_run, """
        select files.source, max(files.newest_record_at)::date,
               date_diff('day', max(files.newest_record_at)::date, any_value(as_of.as_of_date))
        from audit.ingested_files as files cross join marts.as_of as as_of
        group by files.source order by files.source""")
    assert {source for source, _, _ in rows} == {"salesforce", "stripe"}
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "data-quality.html").as_uri())
    for source, newest, behind in rows:
        days = max(behind, 0)
        status = "green" if days <= FRESH_DAYS else "amber" if days <= STALE_DAYS else "red"
        item = page.locator(f"li.os-fresh__source[data-source='{source}']")
        assert item.get_attribute("class").split()[-1] == f"os-fresh--{status}"
        text = item.inner_text()
        assert text.startswith(label(source)) and f"newest record {newest.isoformat()}" in text, text
        light = item.locator(".os-fresh__light").evaluate("e => getComputedStyle(e).backgroundColor")
        assert light not in ("rgba(0, 0, 0, 0)", "transparent")
    top = page.locator(".os-dq-top").bounding_box()
    first_table = page.locator("table.os-table").first.bounding_box()
    assert top["y"] < first_table["y"]  # the verdict before any table
    page.close()


def test_the_held_out_amount_is_up_top_and_the_audit_tables_fold_away(demo_run: PipelineRun, browser) -> None:
    won, records = _query(demo_run, "select sum(won_amount), sum(records) from audit.quarantine_impact")[0]
    audit_tables = {t for (t,) in _query(demo_run, "select table_name from information_schema.tables "
                                                    "where table_schema = 'audit'")}
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "data-quality.html").as_uri())
    held = page.locator(".os-dq-held").inner_text()
    if won:
        assert Formatter("USD").money(won, compact=True) in held and f"{records:,} quarantined" in held
    else:  # a demo whose quarantine holds out nothing says so
        assert held == "The quarantine holds out no won or open business."
    sections = page.locator("details.os-audit")
    names = [s.split(" ·")[0] for s in sections.locator("summary").all_inner_texts()]
    assert {f"audit.{t}" for t in audit_tables} <= set(names)
    assert all(not d for d in sections.evaluate_all("ds => ds.map(d => d.open)"))  # folded
    ledger = page.locator("details.os-audit", has_text="audit.ingested_files")
    assert not ledger.locator("table").is_visible()
    ledger.locator("summary").click()
    table = ledger.locator("table")
    assert table.is_visible()
    headers = table.locator("thead th").all_inner_texts()
    column = next(i for i, h in enumerate(headers) if h.startswith("file modified"))
    cells = table.locator(f"tbody td:nth-child({column + 1})").all_inner_texts()
    assert cells and all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", c) for c in cells), cells
    body = page.locator("article").inner_text()
    assert not re.search(r"\b\d{16,}\b", body)  # no epoch in nanoseconds anywhere
    source = next(i for i, h in enumerate(headers) if h.startswith("source"))
    sources = set(table.locator(f"tbody td:nth-child({source + 1})").all_inner_texts())
    assert sources == {label("salesforce"), label("stripe")}  # codes in words
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "data-quality-1440.png"), full_page=True)
    page.close()


def test_the_page_fits_a_phone(demo_run: PipelineRun, browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto((demo_run.site_dir / "data-quality.html").as_uri())
    page.locator("details.os-audit summary").first.click()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    page.screenshot(path=str(SHOTS / "data-quality-390.png"), full_page=True)
    page.close()
