"""Drilling from a rep to the deal and the account, in Chromium on the demo run's site (opened from file://),
checked against the warehouse it was built from."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from onstrategy.labels import OFF_STRATEGY_REASONS
from tests.conftest import PipelineRun

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def _query(demo_run: PipelineRun, sql: str) -> list[tuple]:
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def _rows(page, table_id: str) -> list[list[str]]:
    """The cells of every body row of a table (pagination may hide rows; they are all in the page)."""
    return page.locator(f"table#{table_id} tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent.trim()))")


def _header(page, table_id: str) -> list[str]:
    return [t.strip().rstrip("↕↑↓ ").strip()
            for t in page.locator(f"table#{table_id} thead th").all_text_contents()]


def test_a_rep_page_lists_the_quarters_won_deals_with_why_and_the_open_pipeline(demo_run: PipelineRun,
                                                                              browser) -> None:
    # the rep with the most won deals off strategy in the as-of quarter
    rep_id, deals, off_deals = _query(demo_run, """
        select rep_id, count(distinct opportunity_id),
               count(distinct opportunity_id) filter (where not is_on_strategy)
        from marts.fct_bookings
        where fiscal_quarter_index = (select as_of_quarter_index from marts.as_of)
        group by rep_id order by 3 desc, 1 limit 1""")[0]
    reason_codes = {code for (reasons,) in _query(demo_run, f"""
        select off_strategy_reason from marts.fct_bookings
        where rep_id = '{rep_id}' and off_strategy_reason is not null
          and fiscal_quarter_index = (select as_of_quarter_index from marts.as_of)""")
        for code in reasons.split(",")}
    open_opportunities = _query(demo_run, f"select count(*) from marts.fct_pipeline "
                                          f"where rep_id = '{rep_id}' and not is_closed")[0][0]
    assert off_deals > 0 and reason_codes
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "reps" / f"{rep_id}.html").as_uri())
    rows = _rows(page, "rep-won-deals")
    header = _header(page, "rep-won-deals")
    assert len(rows) == deals
    status, why = header.index("Strategy"), header.index("Why off strategy")
    off_rows = [r for r in rows if r[status] != "On strategy"]
    assert len(off_rows) == off_deals
    reason_cells = page.locator(f"table#rep-won-deals tbody tr td:nth-child({why + 1})")
    shown = {text.strip() for reasons in reason_cells.evaluate_all("cells => cells.map(c => c.dataset.v || '')")
             for text in reasons.split(",") if text.strip()}
    assert {OFF_STRATEGY_REASONS[c] for c in reason_codes} <= shown  # the reasons, in words
    assert len(_rows(page, "rep-pipeline")) == open_opportunities
    page.close()


def test_an_account_name_leads_to_its_page_with_bookings_by_quarter_and_product_line(demo_run: PipelineRun,
                                                                                    browser) -> None:
    account_id, name, rep_id = _query(demo_run, """
        select b.account_id, a.account_name, b.rep_id from marts.fct_bookings as b
        join marts.dim_accounts as a using (account_id)
        where b.fiscal_quarter_index between (select as_of_quarter_index from marts.as_of) - 3
                                         and (select as_of_quarter_index from marts.as_of)
        group by all order by sum(b.amount) desc limit 1""")[0]
    by_quarter = dict(_query(demo_run, f"""
        select fiscal_quarter, round(sum(amount)) from marts.fct_bookings where account_id = '{account_id}'
        group by 1"""))
    lines = {line for (line,) in _query(demo_run, f"select distinct product_line from marts.fct_bookings "
                                                  f"where account_id = '{account_id}'")}
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "reps" / f"{rep_id}.html").as_uri())
    page.locator("table#rep-accounts a", has_text=name).first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"accounts/{account_id}.html")
    assert page.locator("h1.os-title").inner_text() == name
    header = _header(page, "account-quarters")
    assert lines <= set(header)  # a column per product line the account bought
    column = header.index("Bookings") + 1
    shown = dict(zip(page.locator("table#account-quarters tbody td:first-child").all_text_contents(),
                     page.locator(f"table#account-quarters tbody td:nth-child({column})").evaluate_all(
                         "cells => cells.map(c => c.dataset.v)"), strict=True))  # the exact amount, not its text
    assert set(shown) == set(by_quarter)
    for quarter, amount in by_quarter.items():
        assert float(shown[quarter]) == pytest.approx(amount, abs=1)
    page.close()


def test_every_account_link_of_the_site_has_its_page(demo_run: PipelineRun) -> None:
    site = demo_run.site_dir
    linked: set[Path] = set()
    for page in site.rglob("*.html"):
        if "dbt-docs" in page.parts:
            continue
        for href in re.findall(r'href="([^"#]*accounts/[^"#]+\.html)"', page.read_text(encoding="utf-8")):
            linked.add((page.parent / href).resolve())
    assert len(linked) > 10
    assert [p for p in linked if not p.is_file()] == []
    pages = {p.stem for p in (site / "accounts").glob("*.html")}
    expected = {a for (a,) in _query(demo_run, """
        select account_id from marts.fct_bookings
        where fiscal_quarter_index between (select as_of_quarter_index from marts.as_of) - 3
                                       and (select as_of_quarter_index from marts.as_of)
        union select account_id from marts.fct_pipeline where not is_closed""")}
    assert pages == expected
