"""The site's tables in Chromium: pages of 25 rows, sorting and filtering over every row, the CSV of every kept row,
the totals row that stays put, the sticky first column and its overflow cue, the full width of a wide screen, and
every row shown without the script. On a synthetic warehouse with more reps than a page holds, opened from
file://; expected values come from the warehouse."""

from __future__ import annotations

import math
import re
from pathlib import Path

import duckdb
import pytest

from onstrategy_site import build_site
from onstrategy_site.tables import DENSE_COLUMNS
from tests.synthetic_warehouse import create_synthetic_warehouse

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
REPS = 61  # two pages of 25 and one of 11
PAGE = 25
# the reps index lists every seller: each rep with a row in the adherence mart
SELLERS = """select d.rep_name from marts.dim_reps d
             where d.rep_id in (select rep_id from marts.fct_strategy_adherence_by_rep)"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("tables-site")
    wh = create_synthetic_warehouse(tmp / "wh.duckdb", reps=REPS, evil_names=True)
    out = tmp / "site"
    build_site(wh, out, ROOT / "strategy.yml")
    return wh, out


# the reps index pre-renders a table per period (the quarter selector): the as-of one is table#reps
REPS_WRAP = ".os-table-wrap:has(table#reps)"


def _query(wh: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(wh), read_only=True) as con:
        return con.execute(sql).fetchall()


def _open(browser, site: Path, page_path: str, width: int = 1440, **context):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, **context)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / page_path).as_uri())
    page.wait_for_load_state("load")
    return ctx, page, errors


def _visible_names(page) -> list[str]:
    return page.locator("table#reps tbody tr:visible td:first-child").all_inner_texts()


def _column(page, label: str) -> int:
    headers = [h.strip(" ↕▲▼") for h in page.locator("table#reps thead th").all_inner_texts()]
    return next(i for i, text in enumerate(headers) if text.startswith(label))


def test_the_reps_index_pages_25_rows_at_a_time(browser, built):
    wh, site = built
    reps = len(_query(wh, SELLERS))
    ctx, page, errors = _open(browser, site, "reps/index.html")
    try:
        pager = page.locator(f"{REPS_WRAP} .os-pager")
        count = pager.locator(".os-pager__count")
        assert pager.is_visible() and count.inner_text() == f"1–{PAGE} of {reps}"
        assert page.locator("table#reps tbody tr").count() == reps  # every row is in the page
        first = _visible_names(page)
        assert len(first) == PAGE
        prev, nxt = pager.locator(".os-pager__prev"), pager.locator(".os-pager__next")
        assert prev.get_attribute("aria-disabled") == "true" and nxt.get_attribute("aria-disabled") == "false"
        assert prev.get_attribute("aria-label") and nxt.get_attribute("aria-label")
        nxt.focus()
        page.keyboard.press("Enter")  # keyboard operable
        assert count.inner_text() == f"{PAGE + 1}–{2 * PAGE} of {reps}"
        second = _visible_names(page)
        assert len(second) == PAGE and not set(first) & set(second)
        page.keyboard.press("Space")
        page.keyboard.press("Enter")  # past the last page: stays on it
        last = reps - 2 * PAGE
        assert count.inner_text() == f"{2 * PAGE + 1}–{reps} of {reps}"
        assert len(_visible_names(page)) == last and nxt.get_attribute("aria-disabled") == "true"
        prev.click()
        assert count.inner_text() == f"{PAGE + 1}–{2 * PAGE} of {reps}"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "tables-reps-paged.png"), full_page=True)
        assert errors == []
    finally:
        ctx.close()


def test_sorting_orders_every_row_and_shows_the_first_page(browser, built):
    wh, site = built
    top = _query(wh, """select r.rep_name from marts.fct_strategy_adherence_by_rep r
                        join marts.as_of a on r.fiscal_quarter_index = a.as_of_quarter_index
                        order by r.bookings_amount desc limit 1""")[0][0]
    ctx, page, errors = _open(browser, site, "reps/index.html")
    try:
        page.locator(f"{REPS_WRAP} .os-pager__next").click()
        col = _column(page, "Bookings")
        page.locator("table#reps thead th").nth(col).click()
        assert page.locator(f"{REPS_WRAP} .os-pager__count").inner_text().startswith(f"1–{PAGE} of ")
        assert _visible_names(page)[0] == top  # the largest of all rows, not of the page that was shown
        values = page.eval_on_selector_all(
            "table#reps tbody tr", f"rs => rs.map(r => parseFloat(r.cells[{col}].dataset.v))")
        values = [v for v in values if v == v]
        assert len(values) > PAGE and values == sorted(values, reverse=True)
        assert errors == []
    finally:
        ctx.close()


def test_the_filter_counts_n_of_m_and_pages_what_it_keeps_and_the_csv_has_every_kept_row(browser, built):
    wh, site = built
    names = [n for (n,) in _query(wh, SELLERS)]
    typed = "Rep 00"
    kept = [n for n in names if typed.lower() in n.lower()]
    assert PAGE < len(kept) < len(names)  # the scenario: a filter that keeps more than a page, not every row
    ctx, page, errors = _open(browser, site, "reps/index.html")
    try:
        page.fill(f"{REPS_WRAP} .os-table-search", typed)
        assert page.locator(f"{REPS_WRAP} .os-table-count").inner_text() == f"{len(kept)} of {len(names)} rows"
        assert page.locator(f"{REPS_WRAP} .os-pager__count").inner_text() == f"1–{PAGE} of {len(kept)}"
        assert len(_visible_names(page)) == PAGE
        with page.expect_download() as info:
            page.click(".os-csv")
        lines = Path(info.value.path()).read_text(encoding="utf-8-sig").strip().splitlines()
        assert len(lines) == 1 + len(kept)  # every kept row, on every page; no totals row
        assert sorted(line.split(",")[0].strip('"') for line in lines[1:]) == sorted(kept)
        page.fill(f"{REPS_WRAP} .os-table-search", "")
        assert page.locator(f"{REPS_WRAP} .os-table-count").inner_text() == f"{len(names)} of {len(names)} rows"
        assert errors == []
    finally:
        ctx.close()


def test_the_totals_row_is_the_companys_and_stays_last(browser, built):
    wh, site = built
    company, summed = _query(wh, """
        select c.bookings_amount, (select sum(r.bookings_amount) from marts.fct_strategy_adherence_by_rep r
                                   where r.fiscal_quarter_index = c.fiscal_quarter_index)
        from marts.fct_strategy_adherence_company c join marts.as_of a
            on c.fiscal_quarter_index = a.as_of_quarter_index""")[0]
    assert math.isclose(company, summed, rel_tol=1e-9)  # the reps partition the company's bookings
    ctx, page, errors = _open(browser, site, "reps/index.html")
    try:
        col = _column(page, "Bookings")
        foot = page.locator("table#reps tfoot tr")
        assert foot.count() == 1 and foot.locator("th").inner_text() == "Company"
        cell = foot.locator("td").nth(col - 1)
        assert math.isclose(float(cell.get_attribute("data-v")), company, rel_tol=1e-9)

        def footer_is_last_row() -> bool:
            return page.evaluate("""() => { const t = document.querySelector('table#reps');
                const rows = [...t.querySelectorAll('tr')].filter(r => r.offsetParent !== null);
                return rows[rows.length - 1].parentElement.tagName === 'TFOOT'; }""")

        assert footer_is_last_row()
        page.locator("table#reps thead th").nth(col).click()
        page.locator(f"{REPS_WRAP} .os-pager__next").click()
        page.fill(f"{REPS_WRAP} .os-table-search", "Rep 001")
        assert foot.is_visible() and footer_is_last_row()
        assert page.locator("table#reps tbody tr.os-total").count() == 0
        assert errors == []
    finally:
        ctx.close()


def test_the_first_column_sticks_and_the_overflow_cue_follows_the_scroll(browser, built):
    _, site = built
    ctx, page, errors = _open(browser, site, "reps/index.html", width=1000)
    try:
        box = page.locator("table#reps").locator("xpath=ancestor::div[contains(@class,'os-scroll-box')]")
        scroller = box.locator(".os-scroll")
        wider = scroller.evaluate("s => s.scrollWidth - s.clientWidth")
        assert wider > 50  # the scenario: a table wider than its box
        assert "os-more-right" in box.get_attribute("class") and "os-more-left" not in box.get_attribute("class")
        cue = box.evaluate("b => getComputedStyle(b, '::after').opacity")
        assert float(cue) > 0.5
        first = page.locator("table#reps tbody tr:visible").first.locator("td").first
        left = scroller.bounding_box()["x"]
        scroller.evaluate(f"s => {{ s.scrollLeft = {wider}; s.dispatchEvent(new Event('scroll')); }}")
        page.wait_for_timeout(100)
        assert abs(first.bounding_box()["x"] - left) <= 1.5  # still at the box's left edge
        second = page.locator("table#reps tbody tr:visible").first.locator("td").nth(1)
        assert second.bounding_box()["x"] < left  # the other columns did move
        classes = box.get_attribute("class")
        assert "os-more-left" in classes and "os-more-right" not in classes
        page.screenshot(path=str(SHOTS / "tables-reps-scrolled.png"))
        assert errors == []
    finally:
        ctx.close()


@pytest.mark.parametrize("width", [1440, 1920])
def test_a_page_with_a_wide_table_uses_a_wide_screen(browser, built, width):
    _, site = built
    ctx, page, errors = _open(browser, site, "reps/index.html", width=width)
    try:
        columns = page.locator("table#reps thead th").count()
        assert columns >= DENSE_COLUMNS
        grid = page.evaluate("document.querySelector('.md-main .md-grid').getBoundingClientRect().width")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1
        if width >= 1600:
            assert grid > 1440 + 1
        else:
            assert grid <= 1440
        page.screenshot(path=str(SHOTS / f"tables-reps-{width}.png"), full_page=True)
        ctx.close()
        # a page without a wide table keeps Material's width (the strategy page has one since its exceptions table)
        ctx, page, errors = _open(browser, site, "definitions.html", width=width)
        assert page.locator(".os-table-wrap--wide").count() == 0
        narrow = page.evaluate("document.querySelector('.md-main .md-grid').getBoundingClientRect().width")
        assert narrow <= 1440
        assert errors == []
    finally:
        ctx.close()


def test_without_the_script_every_row_is_shown(browser, built):
    wh, site = built
    reps = len(_query(wh, SELLERS))
    ctx, page, _ = _open(browser, site, "reps/index.html", java_script_enabled=False)
    try:
        assert page.locator("table#reps tbody tr:visible").count() == reps
        assert not page.locator(f"{REPS_WRAP} .os-pager").is_visible()
        assert page.locator("table#reps tfoot tr").is_visible()
    finally:
        ctx.close()


def test_print_shows_every_row_and_no_pager(browser, built):
    wh, site = built
    reps = len(_query(wh, SELLERS))
    ctx, page, _ = _open(browser, site, "reps/index.html")
    try:
        assert len(_visible_names(page)) == PAGE
        page.emulate_media(media="print")
        assert page.locator("table#reps tbody tr:visible").count() == reps
        assert not page.locator(f"{REPS_WRAP} .os-pager").is_visible()
    finally:
        ctx.close()


def test_phone_width_has_no_page_scroll_and_the_pager_fits(browser, built):
    _, site = built
    for path in ("reps/index.html", "pipeline.html", "teams/index.html"):
        ctx, page, errors = _open(browser, site, path, width=390)
        try:
            assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1, path
            pager = page.locator(".os-pager:visible").first
            if pager.count():
                box = pager.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= 390, path
            assert errors == []
        finally:
            ctx.close()


def test_dense_tables_write_money_compactly_with_the_exact_amount_in_the_title(browser, built):
    _, site = built
    ctx, page, _ = _open(browser, site, "reps/index.html")
    try:
        cell = page.locator("table#reps tbody tr:visible").first.locator("td").nth(_column(page, "Bookings"))
        text, title, raw = cell.inner_text(), cell.get_attribute("title"), float(cell.get_attribute("data-v"))
        assert re.fullmatch(r"\$\d+(\.\d+)?[KMB]", text), text
        assert title == f"${raw:,.0f}"
    finally:
        ctx.close()
