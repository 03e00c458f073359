"""Strategy credit on the demo run's site in Chromium (opened from file://), checked against its warehouse: the page
"If pay followed the strategy" (navigation entry, the as-of quarter's biggest riser and faller, the fiscal year
chosen in the selector, no sideways scrolling on a phone), a rep page's credit tile for two periods, and the
off-strategy deals on the rep and red-flags pages."""

from __future__ import annotations

import duckdb
import pytest

from onstrategy.strategy import load_strategy
from onstrategy_site.formatting import Formatter, safe_id
from tests.conftest import PipelineRun

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def _query(demo_run: PipelineRun, sql: str) -> list[tuple]:
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def _fmt(demo_run: PipelineRun) -> Formatter:
    return Formatter(load_strategy(demo_run.strategy).reporting_currency)


def _watch(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def test_the_credit_page_shows_the_marts_biggest_movers(demo_run: PipelineRun, browser) -> None:
    quarter = _query(demo_run, "select as_of_quarter from marts.as_of")[0][0]
    # the quarter's biggest riser and faller, or None when nobody moves (a small demo can have no rank shift)
    riser, faller = (next(iter(_query(demo_run, f"""select rep_name from marts.fct_strategy_credit_by_rep
        where fiscal_quarter = '{quarter}' and rank_shift {op} 0
        order by rank_shift {order}, credit_ratio {order}, rep_id limit 1""")), (None,))[0]
        for op, order in ((">", "desc"), ("<", "asc")))
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    problems = _watch(page)
    page.goto((demo_run.site_dir / "index.html").as_uri())
    page.get_by_role("link", name="If pay followed the strategy").first.click()
    assert page.url.endswith("strategy-credit.html")
    block = page.locator(".os-period:visible")
    assert block.get_attribute("data-period") == quarter
    slug = quarter.lower()
    for table, expected in ((f"#credit-risers-{slug}", riser), (f"#credit-fallers-{slug}", faller)):
        rows = block.locator(f"{table} tbody tr")
        if expected is None:
            assert rows.locator("td").count() <= 1, table  # no mover: an empty table (at most its "no rows" cell)
        else:
            assert rows.first.locator("td").first.inner_text() == expected
    bookings = _query(demo_run, f"select sum(amount) from marts.fct_bookings where fiscal_quarter = '{quarter}'")[0][0]
    money = _fmt(demo_run).money(bookings, True)
    assert f"{money} booked → {money} of strategy credit" in block.locator(".os-credit-summary").inner_text()
    year = _query(demo_run, "select fiscal_year from marts.fct_strategy_adherence_company_year where is_as_of_year")
    if year:
        page.locator("select[data-os-period]").first.select_option(year[0][0])
        shown = page.locator(".os-period:visible")
        assert shown.get_attribute("data-period") == year[0][0]
        assert "ranks are then taken again on the year's sums" in shown.inner_text()
    assert problems == []
    page.close()


def test_the_credit_page_does_not_scroll_sideways_on_a_phone(demo_run: PipelineRun, browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto((demo_run.site_dir / "strategy-credit.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()


def test_a_rep_page_shows_its_credit_tile_and_off_strategy_deals(demo_run: PipelineRun, browser) -> None:
    rows = _query(demo_run, """select rep_id, fiscal_quarter, strategy_credit, bookings_rank, credit_rank
        from marts.fct_strategy_credit_by_rep c join marts.as_of a
          on c.fiscal_quarter_index in (a.as_of_quarter_index, a.as_of_quarter_index - 1)
        where bookings_rank is not null and rep_id = (select min(rep_id) from marts.fct_strategy_credit_by_rep
                                                      where is_as_of_quarter and bookings_rank is not null)
        order by fiscal_quarter_index desc""")
    fmt = _fmt(demo_run)
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    problems = _watch(page)
    page.goto((demo_run.site_dir / "reps" / f"{safe_id(rows[0][0])}.html").as_uri())
    for rep_id, quarter, credit, bookings_rank, credit_rank in rows:
        page.locator("select[data-os-period]").first.select_option(quarter)
        tile = page.locator(".os-period:visible .os-tile--credit")
        assert tile.count() == 1, quarter
        text = " ".join(tile.inner_text().split())
        assert tile.locator(".os-tile__value").inner_text() == fmt.money(credit, True), quarter
        assert f"#{bookings_rank} by bookings → #{credit_rank} by credit" in text, (rep_id, quarter)
        deals = _query(demo_run, f"""select count(distinct opportunity_id) from marts.fct_bookings
            where rep_id = '{rep_id}' and fiscal_quarter = '{quarter}' and off_strategy_status <> 'on_strategy'""")
        table = page.locator(f"#rep-off-strategy-{quarter.lower()}")
        assert (table.locator("tbody tr").count() if table.count() else 0) == deals[0][0], quarter
    assert problems == []
    page.close()


def test_the_red_flags_page_lists_the_flagged_reps_off_strategy_deals(demo_run: PipelineRun, browser) -> None:
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "red-flags.html").as_uri())
    assert page.locator("h2", has_text="Off-strategy deals of the flagged reps").count() == 1
    statuses = set(page.locator("#red-flag-deals tbody tr td:nth-child(3)").all_inner_texts()) - {""}
    assert statuses and statuses <= {"Justified", "Easy", "Unjustified"}
    page.close()
