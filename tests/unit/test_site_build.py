"""The executive site built from a synthetic marts warehouse (Contract 4 tables) created inside the test."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from onstrategy import labels
from onstrategy.errors import OnstrategyError
from onstrategy_site import build_site
from onstrategy_site.formatting import Formatter, slugify
from tests.synthetic_warehouse import EVIL_NAME, create_synthetic_warehouse

ROOT = Path(__file__).resolve().parents[2]
STRATEGY = ROOT / "strategy.yml"
PAGE_KINDS = ["index.html", "strategy.html", "red-flags.html", "reps/index.html", "teams/index.html",
              "segments/index.html", "personas/index.html", "products/index.html", "pipeline.html",
              "billing.html", "data-quality.html", "definitions.html"]
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+")
URL = re.compile(r"(?i)\b(?:https?|ftp)://|//[a-z0-9-]+\.[a-z]{2,}/")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    tmp = tmp_path_factory.mktemp("site")
    wh = create_synthetic_warehouse(tmp / "wh.duckdb", reps=12, evil_names=True)
    manifest = tmp / "manifest.json"
    manifest.write_text(json.dumps({
        "docs": {"doc.onstrategy.on_strategy_share": {
            "name": "on_strategy_share",
            "block_contents": "Amount on ICP accounts in non-deprioritized lines / all bookings (from dbt docs)."}},
        "nodes": {"model.onstrategy.fct_strategy_adherence_company": {
            "resource_type": "model", "name": "fct_strategy_adherence_company",
            "columns": {"icp_share": {"description": "ICP amount / all bookings (column description)."}}}},
    }))
    out = tmp / "out"
    summary = build_site(wh, out, STRATEGY, dbt_manifest=manifest)
    return wh, out, summary


def _site_files(out: Path, suffixes: tuple[str, ...] = (".html", ".json", ".xml", ".txt", ".csv")) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file() and p.suffix in suffixes]


def test_summary_and_every_page_kind(built):
    _, out, summary = built
    assert summary["pages"] >= len(PAGE_KINDS) + 12
    assert summary["as_of_quarter"] == "FY2027-Q3"
    assert isinstance(summary["seconds"], float)
    for page in PAGE_KINDS:
        assert (out / page).is_file(), page
    assert "As of FY2027-Q3" in (out / "index.html").read_text()


def test_one_page_per_entity(built):
    wh, out, summary = built
    con = duckdb.connect(str(wh), read_only=True)
    try:
        reps = [r[0] for r in con.execute("select distinct rep_id from marts.fct_bookings").fetchall()]
        groups = {
            "teams": con.execute("select distinct team from marts.dim_reps").fetchall(),
            "segments": con.execute("select distinct segment from marts.fct_strategy_adherence_by_segment").fetchall(),
            "personas": con.execute("select distinct persona from marts.fct_strategy_adherence_by_persona").fetchall(),
            "products": con.execute(
                "select distinct product_line from marts.fct_strategy_adherence_by_product").fetchall(),
        }
    finally:
        con.close()
    assert reps
    for rep_id in reps:
        assert (out / "reps" / f"{rep_id}.html").is_file(), rep_id
    assert summary["rep_pages"] == 12
    for folder, names in groups.items():
        assert names
        for (name,) in names:
            assert (out / folder / f"{slugify(name)}.html").is_file(), (folder, name)
    # every rep is linked from the reps index, and a rep page links to the product lines it sold
    index = (out / "reps/index.html").read_text()
    for rep_id in reps:
        assert f'href="../reps/{rep_id}.html"' in index
    rep_page = (out / "reps" / f"{reps[0]}.html").read_text()
    assert re.search(r'href="\.\./products/[a-z0-9-]+\.html"', rep_page)


def test_numbers_formatted_as_in_the_marts(built):
    wh, out, _ = built
    con = duckdb.connect(str(wh), read_only=True)
    try:
        company = con.execute("select bookings_amount, on_strategy_share, adherence_score from "
                              "marts.fct_strategy_adherence_company where fiscal_quarter = 'FY2027-Q3'").fetchone()
        rep_id, bookings, share = con.execute(
            "select rep_id, bookings_amount, on_strategy_share from marts.fct_strategy_adherence_by_rep "
            "where fiscal_quarter = 'FY2027-Q3' and bookings_amount > 0 order by rep_id limit 1").fetchone()
    finally:
        con.close()
    fmt = Formatter("USD")
    overview = (out / "index.html").read_text()
    assert fmt.money(company[0], compact=True) in overview
    assert fmt.pct(company[1]) in overview
    assert f"{company[2]:.1f}" in overview
    reps_index = (out / "reps/index.html").read_text()
    assert fmt.money(bookings) in reps_index  # "$123,456"
    rep_page = (out / "reps" / f"{rep_id}.html").read_text()
    assert fmt.money(bookings, compact=True) in rep_page
    assert fmt.pct(share) in rep_page
    # raw values for sorting / CSV are the marts' values
    assert f'data-v="{bookings}"' in reps_index


def test_names_are_html_escaped(built):
    _, out, _ = built
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for page in _site_files(out, (".html",)):
        text = page.read_text()
        assert EVIL_NAME not in text, page
        assert "<b>Zero</b>" not in text, page
    rep_page = (out / "reps/005000000000000000.html").read_text()
    assert escaped in rep_page  # the rep's own name, shown as text
    assert "Team &lt;b&gt;Zero&lt;/b&gt; &amp; Co" in rep_page
    # the script-named account appears somewhere as text
    assert any(escaped in p.read_text() and "Account" in p.read_text() for p in (out / "reps").glob("*.html"))
    assert "Smith | Jones * _Partners_ [LLC]" in "".join(p.read_text() for p in (out / "reps").glob("*.html"))


CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def test_control_characters_in_names_never_reach_the_pages(built):
    """An account named `Null<NUL>Byte<ESC>[31m Ltd`: every page and the search index hold no control character,
    and the name is shown with visible pictures of them."""
    _, out, _ = built
    for page in _site_files(out, (".html", ".json", ".js")):
        assert not CONTROL_CHARACTERS.search(page.read_text(encoding="utf-8")), page
    shown = "".join(p.read_text() for p in (out / "reps").glob("*.html"))
    assert "Null\u2400Byte\u241b[31m Ltd" in shown


def test_no_external_urls_and_no_email_addresses(built):
    _, out, _ = built
    ours = _site_files(out) + list((out / "assets").glob("onstrategy.*"))
    assert len(ours) > 20
    for path in ours:
        text = path.read_text(errors="replace")
        assert not URL.search(text), (path, URL.search(text))
        assert not EMAIL.search(text), (path, EMAIL.search(text))
    # Material's own bundles contain URLs for optional features (mermaid, repo facts); none may be referenced by
    # a page: every src/href of every page is relative to the site
    for path in _site_files(out, (".html",)):
        for ref in re.findall(r'(?:src|href)="([^"]*)"', path.read_text()):
            assert not re.match(r"(?i)[a-z][a-z0-9+.-]*:|//", ref) or ref.startswith(("data:", "#")), (path, ref)


def test_no_contact_or_customer_names(built):
    _, out, _ = built
    text = "".join(p.read_text() for p in _site_files(out))
    assert "Customer 35" not in text  # billing_unmatched_customers.customer_name is never shown
    assert "unmatched35.example" in (out / "billing.html").read_text()


def test_definitions_come_from_the_dbt_manifest(built):
    _, out, _ = built
    definitions = (out / "definitions.html").read_text()
    assert "(from dbt docs)" in definitions
    assert "(column description)" in definitions
    assert 'id="m-on_strategy_share"' in definitions and 'id="m-adherence_score"' in definitions
    overview = (out / "index.html").read_text()
    assert 'href="definitions.html#m-on_strategy_share"' in overview
    assert "from dbt docs)" in overview  # hover title of the metric


def test_charts_and_tables_render(built):
    _, out, _ = built
    overview = (out / "index.html").read_text()
    assert overview.count('<svg class="os-svg"') >= 4
    assert "<polyline" in overview and "<rect" in overview
    assert "Download CSV" in overview and 'class="os-table"' in overview
    assert "os-slot" not in overview  # every fragment put back
    pipeline = (out / "pipeline.html").read_text()
    assert "Cull list" in pipeline and "Open deal" in pipeline
    dq = (out / "data-quality.html").read_text()
    # the quarantine's reasons in words (onstrategy.labels), never as codes
    assert labels.label("unparseable_number") in dq and "unparseable_number" not in dq and "load_reconciliation" in dq
    assert "raw_record" not in dq or "{}" not in dq


def test_out_dir_must_be_absent_or_empty(built, tmp_path):
    wh, _, _ = built
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "old.html").write_text("old")
    with pytest.raises(OnstrategyError, match="must not exist or be empty"):
        build_site(wh, tmp_path / "x", STRATEGY)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_site(wh, empty, STRATEGY)["pages"] > 12


def test_expected_failures_are_one_line_errors(tmp_path):
    with pytest.raises(OnstrategyError, match="warehouse file not found"):
        build_site(tmp_path / "missing.duckdb", tmp_path / "out", STRATEGY)
    con = duckdb.connect(str(tmp_path / "empty.duckdb"))
    con.execute("create schema marts")
    con.close()
    with pytest.raises(OnstrategyError, match=r"marts missing: marts\.dim_reps"):
        build_site(tmp_path / "empty.duckdb", tmp_path / "out", STRATEGY)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_no_billing_data_is_rendered_gracefully(tmp_path):
    wh = create_synthetic_warehouse(tmp_path / "wh.duckdb", reps=3, billing=False, evil_names=False)
    build_site(wh, tmp_path / "out", STRATEGY)
    billing = (tmp_path / "out" / "billing.html").read_text()
    assert "No billing data" in billing


def test_build_works_while_another_reader_holds_the_warehouse(built, tmp_path):
    wh, _, _ = built
    reader = duckdb.connect(str(wh), read_only=True)
    try:
        assert build_site(wh, tmp_path / "out", STRATEGY)["rep_pages"] == 12
    finally:
        reader.close()
