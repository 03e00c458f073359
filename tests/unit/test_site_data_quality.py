"""The data-quality page for a reader: a traffic light per source from the ingest ledger against the as-of date, the
quarantine's held-out amount up top, the audit tables folded away with a line each, times as dates, codes in words.
A synthetic warehouse with an ingest ledger, a last build and a quarantine impact written by each test."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from markupsafe import escape

from onstrategy.labels import label
from onstrategy_site import build_site
from onstrategy_site.collect import FRESH_DAYS, STALE_DAYS
from onstrategy_site.formatting import Formatter
from onstrategy_site.queries import Warehouse
from tests.synthetic_warehouse import create_synthetic_warehouse

STRATEGY = Path(__file__).resolve().parents[2] / "strategy.yml"
AS_OF = date(2026, 12, 7)
MTIME_NS = 1796613203936620799  # a file's modification time as the ledger stores it


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wh = create_synthetic_warehouse(tmp_path_factory.mktemp("dq") / "wh.duckdb", reps=8, evil_names=True)
    with duckdb.connect(str(wh)) as con:
        con.execute("update marts.as_of set as_of_date = $d", {"d": AS_OF})
    return wh


def _copy(base: Path, tmp_path: Path) -> Path:
    wh = tmp_path / "wh.duckdb"
    shutil.copy(base, wh)
    return wh


def _ledger(wh: Path, files: list[tuple[str, str, datetime | None]]) -> None:
    """audit.ingested_files with one row per (source, object, newest record) and the ledger's other columns."""
    with duckdb.connect(str(wh)) as con:
        con.execute("""create or replace table audit.ingested_files (source varchar, object varchar,
                       source_file varchar, rows_read bigint, rows_rejected bigint, file_bytes bigint,
                       file_mtime_ns bigint, file_digest varchar, batch_rank integer, newest_record_at timestamp)""")
        for i, (source, obj, newest) in enumerate(files):
            con.execute("insert into audit.ingested_files values (?, ?, ?, 10, 0, 1234, ?, 'ab', 1, ?)",
                        [source, obj, f"{source}/{obj}.csv", MTIME_NS + i, newest])


def _sources(wh: Path) -> dict[str, dict]:
    w = Warehouse(wh)
    try:
        rows = w.run("source_freshness", {"fresh_days": FRESH_DAYS, "stale_days": STALE_DAYS})
    finally:
        w.close()
    return {r["source"]: r for r in rows}


def _expected_status(days: int) -> str:
    return "green" if days <= FRESH_DAYS else "amber" if days <= STALE_DAYS else "red"


@pytest.mark.parametrize("days", sorted({0, FRESH_DAYS, FRESH_DAYS + 1, STALE_DAYS, STALE_DAYS + 1, 30}))
def test_a_sources_light_follows_how_far_its_newest_record_is_behind_the_as_of_date(base, tmp_path, days):
    wh = _copy(base, tmp_path)
    newest = datetime.combine(AS_OF - timedelta(days=days), datetime.min.time()) + timedelta(hours=23)
    _ledger(wh, [("salesforce", "Account", newest - timedelta(days=40)), ("salesforce", "Opportunity", newest),
                 ("salesforce", "UserRole", None), ("stripe", "invoices", newest)])
    sources = _sources(wh)
    assert set(sources) == {"salesforce", "stripe"}
    for row in sources.values():
        assert row["newest_date"] == newest.date()  # the newest record of any file of the source
        assert row["days_behind"] == days and row["as_of_date"] == AS_OF
        assert row["status"] == _expected_status(days) and row["basis"] == "ledger"


def test_a_record_newer_than_the_as_of_date_is_not_behind_and_a_source_without_records_has_no_light(base,
                                                                                                    tmp_path):
    wh = _copy(base, tmp_path)
    _ledger(wh, [("salesforce", "Opportunity", datetime.combine(AS_OF + timedelta(days=3), datetime.min.time()))])
    sources = _sources(wh)
    assert sources["salesforce"]["days_behind"] == 0 and sources["salesforce"]["status"] == "green"
    assert sources["stripe"]["newest_date"] is None and sources["stripe"]["status"] == "none"


def test_without_an_ingest_ledger_the_marts_latest_dates_stand_in(base, tmp_path):
    wh = _copy(base, tmp_path)
    with duckdb.connect(str(wh), read_only=True) as con:
        booked, billed = con.execute("select (select max(close_date) from marts.fct_bookings), "
                                     "(select max(invoice_date) from marts.fct_billing_lines)").fetchone()
    booked, billed = (d.date() if isinstance(d, datetime) else d for d in (booked, billed))
    sources = _sources(wh)
    assert sources["salesforce"]["newest_date"] == booked and sources["salesforce"]["basis"] == "bookings"
    assert sources["stripe"]["newest_date"] == billed and sources["stripe"]["basis"] == "billing"
    assert sources["salesforce"]["days_behind"] == (AS_OF - booked).days


IMPACT = [("FY2027-Q3", 8110, "OpportunityLineItem", "negative_quantity", 4, 77920.0, 0.0),
          ("FY2026-Q4", 8107, "Opportunity", "missing_fx_rate", 2, 1_250_000.0, 310_000.0),
          (None, None, "Opportunity", "unparseable_date", 3, 580651.0, 0.0)]


@pytest.fixture
def page(base, tmp_path) -> str:
    wh = _copy(base, tmp_path)
    fresh = datetime.combine(AS_OF - timedelta(days=1), datetime.min.time())
    _ledger(wh, [("salesforce", "Opportunity", fresh), ("stripe", "invoices", fresh - timedelta(days=20))])
    with duckdb.connect(str(wh)) as con:
        con.execute("""create table audit.last_build as select 'abc' as project_fingerprint,
                       timestamp '2026-12-07 12:50:18.288649' as built_at, 'full refresh' as plan""")
        con.execute("""create table audit.quarantine_impact (fiscal_quarter varchar, fiscal_quarter_index integer,
                       object varchar, reason varchar, root_object varchar, root_reason varchar, records bigint,
                       root_records bigint, won_amount double, pipeline_amount double,
                       approximate_records bigint, amount_unknown_records bigint)""")
        for q, qi, obj, reason, n, won, pipe in IMPACT:
            con.execute("insert into audit.quarantine_impact values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)",
                        [q, qi, obj, reason, obj, reason, n, n, won, pipe])
    out = tmp_path / "site"
    build_site(wh, out, STRATEGY)
    return (out / "data-quality.html").read_text()


def test_the_page_opens_with_a_light_per_source_and_the_thresholds(page):
    lights = re.findall(r'<li class="os-fresh__source os-fresh--(\w+)" data-source="(\w+)">(.*?)</li>', page)
    assert [(status, source) for status, source, _ in lights] == [(_expected_status(1), "salesforce"),
                                                                 (_expected_status(21), "stripe")]
    text = {source: re.sub(r"<[^>]+>", "", words) for _, source, words in lights}
    assert text["salesforce"].startswith(f"{label('salesforce')}: ")
    assert f"{(AS_OF - timedelta(days=1)).isoformat()}, 1 day before the as-of date {AS_OF.isoformat()}" in \
        text["salesforce"]
    assert "21 days before" in text["stripe"]
    rule = re.search(r'<p class="os-fresh__rule[^>]*>(.*?)</p>', page, re.S).group(1)
    assert f"at most {FRESH_DAYS} days" in rule and f"{FRESH_DAYS + 1} to {STALE_DAYS} days" in rule
    assert f"more than {STALE_DAYS} days" in rule
    # up top: before any table of the page
    assert page.index("os-fresh__source") < page.index('class="os-table"')


def test_the_quarantines_held_out_amount_is_stated_up_top_in_money(page):
    fmt = Formatter("USD")
    won = sum(row[5] for row in IMPACT)
    pipeline = sum(row[6] for row in IMPACT)
    held = re.search(r'<p class="os-dq-held">(.*?)</p>', page).group(1)
    assert fmt.money(won, compact=True) in held and fmt.money(pipeline, compact=True) in held
    assert f"{sum(row[4] for row in IMPACT)} quarantined" in held
    assert page.index("os-dq-held") < page.index('class="os-table"')
    footer = re.search(r'<table class="os-table" id="held-out">.*?<tfoot>(.*?)</tfoot>', page, re.S).group(1)
    assert f'data-v="{format(won, ".12g")}"' in footer and f'data-v="{format(pipeline, ".12g")}"' in footer


def test_audit_tables_are_folded_away_with_a_line_each(page):
    sections = re.findall(r'<details class="os-audit"><summary><strong>(.*?)</strong> <span class="os-muted">· '
                          r'(.*?)</span></summary>\s*<div class="os-table-wrap', page)
    names = [name for name, _ in sections]
    assert {"audit.ingested_files", "audit.last_build", "audit.load_reconciliation",
            "audit.quarantine_impact"} <= set(names)
    lines = dict(sections)
    assert lines["audit.ingested_files"].startswith("2 files:")
    assert lines["audit.last_build"].startswith("built 2026-12-07 12:50:18 UTC")
    assert all(line.strip() for line in lines.values())
    # no audit table outside a folded section
    assert all(page.rfind("<details", 0, m.start()) > page.rfind("</details>", 0, m.start())
               for m in re.finditer(r'<table class="os-table" id="audit-', page))


def test_times_read_as_dates_and_codes_as_words(page):
    mtime = datetime.fromtimestamp(MTIME_NS // 1_000_000_000, UTC).strftime("%Y-%m-%d %H:%M:%S")
    assert f">{mtime}<" in page
    assert str(MTIME_NS) not in page and str(MTIME_NS)[:10] not in page
    assert "12:50:18.288649" not in page and "file modified (UTC)" in page
    table = re.search(r'<table class="os-table" id="audit-ingested-files.*?</table>', page, re.S).group()
    assert f"<td>{label('salesforce')}</td>" in table and "<td>salesforce</td>" not in table
    assert str(escape(label("missing_fx_rate"))) in page and "missing_fx_rate" not in page


def test_quarantined_records_name_their_object_in_words(page):
    table = re.search(r'<table class="os-table" id="quarantine">.*?</table>', page, re.S).group()
    assert f"<td>{label('opportunity')}</td>" in table and "<td>opportunity</td>" not in table
