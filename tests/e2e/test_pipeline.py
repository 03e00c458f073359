"""End to end: the demo landing zone through `onstrategy run` to the marts and the site."""

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from onstrategy.ingest.salesforce_ids import to_18
from tests.conftest import PipelineRun

pytestmark = pytest.mark.e2e


def _latest_live(frame: pd.DataFrame) -> pd.DataFrame:
    """The SPEC's upsert rule, written independently of the models: newest SystemModstamp per Id, deletes removed."""
    frame = frame.sort_values("SystemModstamp").drop_duplicates("Id", keep="last")
    if "IsDeleted" in frame:
        frame = frame[frame["IsDeleted"].str.lower().isin(["false", "0"])]
    return frame


REFERENCES = {"Opportunity": ("Id", "AccountId", "OwnerId"), "OpportunityLineItem": ("Id", "OpportunityId")}


def _read(landing: Path, name: str) -> pd.DataFrame:
    """A landing CSV with its Ids in the 18-character form (the demo writes a third of its references in 15, as
    real exports mix both)."""
    frame = pd.read_csv(landing / "salesforce" / f"{name}.csv", dtype=str, keep_default_na=False)
    for column in REFERENCES.get(name, ()):
        frame[column] = frame[column].map(to_18)
    return frame


def expected_bookings_total(landing: Path) -> float:
    """Booked amount in USD computed straight from the landing CSVs (pandas, not SQL)."""
    opportunities = _latest_live(_read(landing, "Opportunity"))
    won = opportunities[opportunities["IsWon"].str.lower().isin(["true", "1"])]
    lines = _latest_live(_read(landing, "OpportunityLineItem"))
    won_lines = lines[lines["OpportunityId"].isin(won["Id"])]
    line_amounts = won_lines.groupby("OpportunityId")["TotalPrice"].apply(lambda s: s.astype(float).sum())
    amount_original = won["Id"].map(line_amounts).fillna(won["Amount"].astype(float))
    rates = _read(landing, "DatedConversionRate")
    total = 0.0
    for currency, close_date, amount in zip(won["CurrencyIsoCode"], won["CloseDate"], amount_original, strict=True):
        if currency == "USD":
            total += amount
            continue
        rate = rates[(rates["IsoCode"] == currency) & (rates["StartDate"] <= close_date)
                     & (close_date < rates["NextStartDate"])]
        assert len(rate) == 1, f"no single {currency} rate on {close_date}"
        total += amount / float(rate["ConversionRate"].iloc[0])
    return total


def test_run_prints_where_things_are(demo_run: PipelineRun) -> None:
    assert "warehouse:" in demo_run.result.stdout and str(demo_run.warehouse) in demo_run.result.stdout
    assert demo_run.warehouse.exists()
    assert (demo_run.site_dir / "index.html").exists()


def test_bookings_total_equals_landing_csvs(demo_run: PipelineRun) -> None:
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        marts_total, lines = con.execute("select sum(amount), count(*) from marts.fct_bookings").fetchone()
    expected = expected_bookings_total(demo_run.landing)
    assert lines > 100
    assert marts_total == pytest.approx(expected, rel=1e-9)


def test_every_rep_with_bookings_has_a_site_page(demo_run: PipelineRun) -> None:
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        rep_ids = [r[0] for r in con.execute("select distinct rep_id from marts.fct_bookings").fetchall()]
    assert rep_ids
    missing = [rep for rep in rep_ids if not (demo_run.site_dir / "reps" / f"{rep}.html").exists()]
    assert missing == []
    index = (demo_run.site_dir / "reps" / "index.html").read_text(encoding="utf-8")
    assert all(f"{rep}.html" in index for rep in rep_ids)


def test_by_rep_mart_has_the_core_metrics(demo_run: PipelineRun) -> None:
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        columns = {r[0] for r in con.execute("describe marts.fct_strategy_adherence_by_rep").fetchall()}
        bad_shares = con.execute("""
            select count(*) from marts.fct_strategy_adherence_by_rep
            where on_strategy_share not between 0 and 1 or new_logo_share not between 0 and 1
               or product_balance_score not between 0 and 1
        """).fetchone()[0]
    assert {"fiscal_quarter", "rep_id", "bookings_amount", "on_strategy_share", "new_logo_share",
            "product_balance_score"} <= columns
    assert bad_shares == 0


def test_no_work_files_left_beside_the_published_ones(demo_run: PipelineRun) -> None:
    leftovers = [p.name for p in demo_run.warehouse.parent.iterdir() if p.name.endswith((".publishing", ".building"))]
    assert leftovers == []


# MkDocs Material's own bundled scripts and styles (lunr's word lists hold people's names, e.g. its authors').
THEME_ASSETS = ("assets/javascripts/", "assets/stylesheets/")


def _site_text(site_dir: Path) -> str:
    """Every text file the build wrote from our data (pages, search index, CSV downloads, our scripts)."""
    parts = []
    for path in sorted(site_dir.rglob("*")):
        if path.relative_to(site_dir).as_posix().startswith(THEME_ASSETS):
            continue
        if path.is_file() and path.suffix in {".html", ".json", ".csv", ".js", ".xml", ".txt", ".md", ".svg"}:
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


def test_no_contact_personal_data_anywhere_in_the_site(demo_run: PipelineRun) -> None:
    """Contacts' emails, phones and full names stay in the warehouse (a rep who shares a contact's name is fine)."""
    contacts = _read(demo_run.landing, "Contact")
    rep_names = set((_read(demo_run.landing, "User")["Name"]).str.strip())
    emails = {e for e in contacts["Email"].str.strip() if e}
    phones = {p for p in contacts["Phone"].str.strip() if p}
    names = {n for n in (contacts["FirstName"].str.strip() + " " + contacts["LastName"].str.strip()).str.strip()
             if " " in n and n not in rep_names}
    assert len(emails) > 50 and len(phones) > 50 and len(names) > 50, "the demo should have contacts to leak"
    site = _site_text(demo_run.site_dir)
    assert len(site) > 100_000
    leaked = sorted(item for item in emails | phones | names if item in site)
    assert leaked == []
