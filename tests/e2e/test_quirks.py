"""A demo landing zone with quirks: every dirty record is quarantined with the right reason, the run succeeds,
updates and deletions of the second batch apply, and the load reconciliation accounts for every record."""

import html
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from onstrategy import labels
from tests.conftest import PROJECT_ROOT, run_cli

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class QuirkyRun:
    warehouse: Path
    site_dir: Path
    quirks: dict[str, int]

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql).fetchall()

    def reasons(self, table: str) -> dict[str, int]:
        return dict(self.query(f"select reason, count(*) from quarantine.{table} group by reason"))


@pytest.fixture(scope="module")
def quirky(tmp_path_factory: pytest.TempPathFactory) -> QuirkyRun:
    root = tmp_path_factory.mktemp("quirky")
    landing, warehouse, site_dir = root / "landing", root / "warehouse.duckdb", root / "site"
    demo = run_cli("demo", "--out", str(landing), "--scale", "0.1", "--seed", "11", "--quirks", "0.03")
    assert demo.returncode == 0, demo.stderr
    quirks = {kind: int(count.replace(",", "")) for kind, count in re.findall(r"(\w+) ([\d,]+)", demo.stdout.split(
        "quirks: ")[1])}
    run = run_cli("run", "--landing", str(landing), "--strategy", str(PROJECT_ROOT / "strategy.yml"),
                  "--warehouse", str(warehouse), "--site-dir", str(site_dir))
    assert run.returncode == 0, run.stdout + run.stderr
    return QuirkyRun(warehouse, site_dir, quirks)


def test_each_dirty_opportunity_has_its_reason(quirky: QuirkyRun) -> None:
    reasons = quirky.reasons("opportunity")
    assert reasons.get("unparseable_date") == quirky.quirks["bad_close_date"]
    assert reasons.get("unknown_currency") == quirky.quirks["unknown_currency"]
    assert reasons.get("conflicting_duplicate") == quirky.quirks["conflicting_duplicate"]


def test_line_items_and_tasks(quirky: QuirkyRun) -> None:
    lines = quirky.reasons("opportunity_line_item")
    assert lines.get("negative_quantity") == quirky.quirks["negative_quantity"]
    # the planted orphans, plus the lines of deals that were themselves quarantined
    assert lines.get("orphan_opportunity", 0) >= quirky.quirks["orphan_line_item"]
    assert quirky.reasons("task").get("unparseable_date") == quirky.quirks["bad_activity_date"]


def test_second_batch_updates_and_deletes(quirky: QuirkyRun) -> None:
    (second,) = quirky.query("select rows_read, rows_loaded, rows_deleted from audit.load_reconciliation "
                             "where source_file = 'salesforce/Opportunity/0002.csv'")
    assert second == (quirky.quirks["updated"] + quirky.quirks["deleted"], quirky.quirks["updated"],
                      quirky.quirks["deleted"])


def test_nothing_is_unaccounted_for(quirky: QuirkyRun) -> None:
    assert quirky.query("select count(*) from audit.load_reconciliation where rows_unaccounted <> 0") == [(0,)]
    assert quirky.query("select sum(rows_quarantined) from audit.load_reconciliation")[0][0] > 0


def test_the_data_quality_page_shows_the_quarantine_in_words(quirky: QuirkyRun) -> None:
    page = html.unescape((quirky.site_dir / "data-quality.html").read_text(encoding="utf-8"))
    for code in ("unknown_currency", "negative_quantity"):
        assert labels.label(code) in page
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", page, flags=re.DOTALL))
    reasons = {code for code in labels.QUARANTINE_REASONS if re.search(rf"\b{code}\b", text)}
    assert reasons == set()  # the codes stay in the warehouse; the page says them in words
    assert "load_reconciliation" in page


def test_dirty_invoice_lines_are_quarantined(quirky: QuirkyRun) -> None:
    reasons = quirky.reasons("invoices")
    assert reasons.get("invalid_json") == quirky.quirks["broken_invoice_line"] > 0
    assert reasons.get("orphan_customer") == quirky.quirks["orphan_invoice"] > 0
    assert reasons.get("malformed_lines") == quirky.quirks["double_encoded_invoice_lines"] > 0
    assert quirky.query("select count(*) from marts.fct_billing_lines where customer_id = 'cus_MISSING000000'") == [
        (0,)]
