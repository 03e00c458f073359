"""Bad records never vanish and never stop the good ones: each kind lands in `quarantine.<object>` with its file,
line and reason; the good records go on to the marts; `audit.load_reconciliation` accounts for every record read.

One landing zone with a few good deals and one record of each bad kind. Opportunity comes in two batch files:
batch 2 updates one good deal and deletes another. Line numbers are the records' positions in their file.
"""

import html
import re

import pytest

from onstrategy import labels
from tests.scenario.landing import Landing, ScenarioRun, run_scenario, sfid, shared_root

pytestmark = pytest.mark.scenario

STRATEGY = """
reporting_currency: USD
fiscal_year_start_month: 1
versions:
  - name: only plan
    effective_from: 2025-01-01
    segments:
      - {name: Everyone, icp: true}
    product_lines:
      - {name: Core, families: [Core], target_share: 1.0}
"""

REP = sfid("005", "Q")
OPP = {key: sfid("006", key) for key in (
    "G1", "G2", "G3", "G4", "SAME", "BADDATE", "BADAMOUNT", "BADCCY", "NORATE", "ORPHAN", "DUP", "BADBOOL", "NOCLOSE")}

# Opportunity batch 1, in file order (line = position, 1-based): what happens to each record.
OPPORTUNITY_BATCH_1 = [
    ("G1", "loaded"), ("G2", "superseded"), ("G3", "superseded"), ("G4", "loaded"),
    ("SAME", "superseded"), ("SAME", "loaded"),  # identical duplicate: not a conflict, the later line wins
    ("BADDATE", "unparseable_date"), ("BADAMOUNT", "unparseable_number"), ("BADCCY", "unknown_currency"),
    ("NORATE", "missing_fx_rate"), ("ORPHAN", "orphan_account"),
    ("DUP", "conflicting_duplicate"), ("DUP", "conflicting_duplicate"),
    ("BADBOOL", "unparseable_boolean"), ("NOCLOSE", "missing_close_date"),
]


def build_landing() -> Landing:
    sf = Landing()
    sf.user("Q", role=sf.role("TEAM", "Team"))
    account = sf.account("QA", employees=100)
    core = sf.product("CORE", "Core")
    sf.rate("EUR", 0.9, "2026-01-01", "2027-01-01")

    sf.opportunity(account, REP, 1000, "2026-02-10", key="G1")
    sf.opportunity(account, REP, 2000, "2026-02-11", key="G2")
    sf.opportunity(account, REP, 4000, "2026-02-12", key="G3")
    sf.opportunity(account, REP, 900, "2026-03-01", currency="EUR", key="G4")  # EUR 900 / 0.9 = USD 1,000
    sf.opportunity(account, REP, 300, "2026-06-30", won=False, key="SAME")
    sf.opportunity(account, REP, 300, "2026-06-30", won=False, key="SAME")
    sf.opportunity(account, REP, 100, "2026-02-30", created="2026-02-01", key="BADDATE")
    sf.opportunity(account, REP, "12,5x", "2026-02-13", key="BADAMOUNT")
    sf.opportunity(account, REP, 100, "2026-02-14", currency="XXX", key="BADCCY")
    sf.opportunity(account, REP, 100, "2025-06-01", currency="EUR", key="NORATE")  # EUR rates start in 2026
    sf.opportunity(sfid("001", "GONE"), REP, 100, "2026-02-15", key="ORPHAN")
    sf.opportunity(account, REP, 100, "2026-02-16", key="DUP")
    sf.opportunity(account, REP, 200, "2026-02-16", key="DUP")  # same Id, same batch, different Amount
    sf.opportunity(account, REP, 100, "2026-02-17", key="BADBOOL")
    sf.records["Opportunity"][-1]["IsWon"] = "yes"
    sf.opportunity(account, REP, 100, "", created="2026-02-18", key="NOCLOSE")

    sf.line_item(OPP["G1"], core, 1000, key="L1")
    sf.line_item(OPP["G1"], core, 500, quantity=-1, key="LNEG")
    sf.line_item(OPP["BADDATE"], core, 100, key="LORPHAN")

    sf.task(REP, "2026-02-10", account=account)
    sf.task(REP, "yesterday", account=account)

    sf.new_version("Opportunity", OPP["G2"], batch=2, modstamp="2026-11-02T00:00:00.000+0000", Amount=2500)
    sf.new_version("Opportunity", OPP["G3"], batch=2, modstamp="2026-11-02T00:00:00.000+0000", IsDeleted=True)
    return sf


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> ScenarioRun:
    # one bad record of each kind holds out far more than any sane share of this tiny org's bookings: the
    # materiality check (tests/scenario/test_real_exports.py) is off here, the quarantine itself is tested
    return run_scenario(shared_root(tmp_path_factory), "quarantine", build_landing().write, STRATEGY,
                        env={"ONSTRATEGY_QUARANTINE_BLOCK_SHARE": "off"})


def test_each_bad_opportunity_is_quarantined_with_file_line_and_reason(run: ScenarioRun) -> None:
    expected = sorted(
        (OPP[key], "salesforce/Opportunity/0001.csv", line, fate)
        for line, (key, fate) in enumerate(OPPORTUNITY_BATCH_1, start=1)
        if fate not in ("loaded", "superseded")
    )
    found = run.query("select Id, _source_file, _source_line, reason from quarantine.opportunity order by 1, 3")
    assert found == expected


def test_reason_fields_name_the_field_at_fault(run: ScenarioRun) -> None:
    fields = dict(run.query("select Id, reason_field from quarantine.opportunity where Id <> ?", [OPP["DUP"]]))
    assert fields == {OPP["BADDATE"]: "CloseDate", OPP["BADAMOUNT"]: "Amount", OPP["BADCCY"]: "CurrencyIsoCode",
                      OPP["NORATE"]: "CreatedDate", OPP["ORPHAN"]: "AccountId", OPP["BADBOOL"]: "IsWon",
                      OPP["NOCLOSE"]: "CloseDate"}


def test_the_raw_record_is_kept_as_read(run: ScenarioRun) -> None:
    assert run.query("select Amount, CloseDate from quarantine.opportunity where Id = ?", [OPP["BADAMOUNT"]]) == [
        ("12,5x", "2026-02-13")]


def test_line_items_negative_quantity_and_orphans_of_quarantined_deals(run: ScenarioRun) -> None:
    found = run.query("select Id, _source_line, reason from quarantine.opportunity_line_item order by 2")
    assert found == [(sfid("00k", "LNEG"), 2, "negative_quantity"), (sfid("00k", "LORPHAN"), 3, "orphan_opportunity")]


def test_unparseable_activity_date(run: ScenarioRun) -> None:
    assert run.query("select _source_line, reason, reason_field from quarantine.task") == [
        (2, "unparseable_date", "ActivityDate")]


def test_good_records_reach_the_marts(run: ScenarioRun) -> None:
    """G1 (its one good line, 1,000), G2 as updated by batch 2 (2,500), G4 (EUR 900 / 0.9 = 1,000); G3 deleted."""
    lines = run.query("select opportunity_id, round(amount, 6) from marts.fct_bookings order by 1")
    assert lines == [(OPP["G1"], 1000.0), (OPP["G2"], 2500.0), (OPP["G4"], 1000.0)]
    assert run.query("select count(*) from marts.fct_pipeline where opportunity_id = ?", [OPP["SAME"]]) == [(1,)]


def test_every_record_read_is_accounted_for(run: ScenarioRun) -> None:
    batch_1 = [fate for _, fate in OPPORTUNITY_BATCH_1]
    rows = {r["source_file"]: r for r in run.rows(
        "select * from audit.load_reconciliation where object in ('Opportunity', 'OpportunityLineItem', 'Task')")}
    first = rows["salesforce/Opportunity/0001.csv"]
    assert (first["rows_read"], first["rows_loaded"], first["rows_superseded"], first["rows_deleted"]) == (
        len(batch_1), batch_1.count("loaded"), batch_1.count("superseded"), 0)
    assert first["rows_quarantined"] == len(batch_1) - batch_1.count("loaded") - batch_1.count("superseded") == 9
    second = rows["salesforce/Opportunity/0002.csv"]
    assert (second["rows_read"], second["rows_loaded"], second["rows_deleted"]) == (2, 1, 1)  # G2 updated, G3 deleted
    lines = rows["salesforce/OpportunityLineItem.csv"]
    assert (lines["rows_read"], lines["rows_loaded"], lines["rows_quarantined"]) == (3, 1, 2)
    assert all(r["rows_unaccounted"] == 0 for r in run.rows("select * from audit.load_reconciliation"))


def test_the_data_quality_page_counts_quarantine_by_reason(run: ScenarioRun) -> None:
    page = (run.site_dir / "data-quality.html").read_text(encoding="utf-8")
    for reason in ("missing_fx_rate", "unknown_currency", "conflicting_duplicate", "negative_quantity",
                   "orphan_opportunity", "unparseable_date"):
        assert labels.label(reason) in html.unescape(page)  # in words (onstrategy.labels), not as the code
        assert not re.search(rf"[>\s]{reason}[<\s,]", page), reason
