"""The executive site in a real browser (Debian chromium through Playwright).

Builds the site from a synthetic marts warehouse, serves it on 127.0.0.1, and checks every page kind: no console
error, no request to another host, charts drawn, tables sortable/filterable/downloadable, navigation, escaping,
phone width, dark palette, print. Screenshots go to test-artifacts/screenshots/<kind>.png.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from onstrategy_site import build_site
from onstrategy_site.formatting import slugify
from tests.browser.conftest import serving
from tests.synthetic_warehouse import EVIL_NAME, create_synthetic_warehouse

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
EVIL_REP = "005000000000000000"

PAGE_KINDS = {
    "overview": "index.html",
    "strategy": "strategy.html",
    "red-flags": "red-flags.html",
    "reps": "reps/index.html",
    "rep": f"reps/{EVIL_REP}.html",
    "teams": "teams/index.html",
    "team": f"teams/{slugify('Team B0')}.html",
    "segments": "segments/index.html",
    "segment": f"segments/{slugify('Enterprise Retail')}.html",
    "personas": "personas/index.html",
    "persona": f"personas/{slugify('Economic Buyer')}.html",
    "products": "products/index.html",
    "product": f"products/{slugify('Analytics Cloud')}.html",
    "pipeline": "pipeline.html",
    "billing": "billing.html",
    "data-quality": "data-quality.html",
    "definitions": "definitions.html",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("browser-site")
    wh = create_synthetic_warehouse(tmp / "wh.duckdb", reps=16, evil_names=True)
    out = tmp / "site"
    build_site(wh, out, ROOT / "strategy.yml")
    return out


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serving(site) as url:
        yield url


class Watched:
    """A page that records console errors, page errors, dialogs and requests leaving the site."""

    def __init__(self, browser, base: str, **context) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.base = base
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.on("request", self._request)

    def _request(self, req) -> None:
        if not req.url.startswith(self.base) and not req.url.startswith(("data:", "blob:")):
            self.problems.append(f"request outside the site: {req.url}")

    def goto(self, path: str):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser, base_url):
    w = Watched(browser, base_url, viewport={"width": 1400, "height": 900})
    yield w
    w.close()


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_page_kind_loads_cleanly(watched, kind):
    page = watched.goto(PAGE_KINDS[kind])
    assert page.locator("h1").first.inner_text().strip()
    assert page.locator("article").inner_text().strip()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{kind}.png"), full_page=True)
    assert watched.problems == []


def test_charts_render_with_data_marks(watched):
    page = watched.goto("index.html")
    svgs = page.locator("figure.os-chart svg.os-svg")
    assert svgs.count() >= 5
    for i in range(svgs.count()):
        svg = svgs.nth(i)
        assert svg.locator("rect.os-bar, circle.os-dot, polyline.os-line").count() > 0
        box = svg.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100
    assert watched.problems == []


def _column_values(page, table: str, col: int) -> list[float]:
    return page.eval_on_selector_all(
        f"{table} tbody tr", f"rows => rows.map(r => parseFloat(r.cells[{col}].dataset.v))")


def test_table_sorts_filters_and_downloads_csv(watched):
    page = watched.goto("reps/index.html")
    headers = page.locator("table#reps thead th")
    labels = [h.strip() for h in headers.all_inner_texts()]
    col = next(i for i, t in enumerate(labels) if t.startswith("Bookings"))
    headers.nth(col).click()
    vals = [v for v in _column_values(page, "table#reps", col) if v == v]
    assert len(vals) > 5 and vals == sorted(vals, reverse=True)
    assert headers.nth(col).get_attribute("aria-sort") == "descending"
    headers.nth(col).click()
    vals = [v for v in _column_values(page, "table#reps", col) if v == v]
    assert vals == sorted(vals)
    name_col = labels.index(next(t for t in labels if t.startswith("Rep")))
    headers.nth(name_col).click()
    names = page.eval_on_selector_all("table#reps tbody tr", f"rs => rs.map(r => r.cells[{name_col}].innerText)")
    plain = [n for n in names if n.startswith("Rep ")]  # where "<script>..." collates is the locale's business
    assert len(plain) == len(names) - 1 and plain == sorted(plain)

    page.fill(".os-table-search", "Rep 0003")
    visible = page.locator("table#reps tbody tr:visible")
    assert visible.count() == 1 and "Rep 0003" in visible.first.inner_text()
    with page.expect_download() as info:
        page.click(".os-csv")
    csv = Path(info.value.path()).read_text(encoding="utf-8-sig")
    lines = csv.strip().splitlines()
    assert lines[0].startswith("Rep,Team,") and len(lines) == 2 and "Rep 0003" in lines[1]
    assert info.value.suggested_filename == "reps-FY2027-Q3.csv"
    assert watched.problems == []


def test_navigation_overview_reps_rep_product_line(watched):
    page = watched.goto("index.html")
    page.locator(".md-sidebar--primary").get_by_role("link", name="Reps", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("reps/index.html")
    page.locator("table#reps tbody a", has_text="Rep 0002").first.click()
    page.wait_for_load_state()
    assert re.search(r"reps/005\d+\.html$", page.url)
    assert page.locator("h1").first.inner_text() == "Rep 0002"
    link = page.locator("table#rep-product-lines tbody a").first
    product = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert "/products/" in page.url
    assert page.locator("h1").first.inner_text() == product
    assert page.locator("table#product-reps").count() == 1
    assert watched.problems == []


def test_script_names_show_as_text(watched):
    page = watched.goto(f"reps/{EVIL_REP}.html")
    assert page.locator("h1").first.inner_text() == EVIL_NAME
    assert page.title().startswith(EVIL_NAME)
    assert "Team <b>Zero</b> & Co" in page.locator(".os-sub").first.inner_text()
    page = watched.goto("segments/index.html")
    found = False
    for seg in page.locator("table#segments tbody a").all():
        href = seg.get_attribute("href")
        p = watched.goto("segments/" + href.rsplit("/", 1)[-1])
        if EVIL_NAME in p.locator("table#segment-accounts").inner_text():
            found = True
            break
        watched.goto("segments/index.html")
    assert found, "the script-named account is listed as text on its segment page"
    assert page.evaluate("document.querySelectorAll('article script').length") == 0
    assert watched.problems == []  # no alert dialog


def test_file_url_works(browser, site):
    w = Watched(browser, site.as_uri() + "/", viewport={"width": 1280, "height": 900})
    try:
        page = w.goto("index.html")
        assert page.locator("figure.os-chart svg").count() >= 5
        page.locator("table#top-reps tbody a").first.click()
        page.wait_for_load_state()
        assert "/reps/" in page.url and page.locator("table#rep-history").count() == 1
        assert page.evaluate("getComputedStyle(document.querySelector('.os-tile')).borderTopStyle") == "solid"
        problems = [p for p in w.problems if "search" not in p.lower() and "worker" not in p.lower()]
        assert problems == []
    finally:
        w.close()


def test_phone_width_has_no_horizontal_page_scroll(browser, base_url):
    w = Watched(browser, base_url, viewport={"width": 390, "height": 844}, device_scale_factor=2)
    try:
        for kind in ("overview", "rep", "reps"):
            page = w.goto(PAGE_KINDS[kind])
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (kind, overflow)
        page = w.goto("index.html")
        page.screenshot(path=str(SHOTS / "overview-phone.png"), full_page=True)
        page = w.goto(PAGE_KINDS["rep"])
        page.screenshot(path=str(SHOTS / "rep-phone.png"), full_page=True)
        assert w.problems == []
    finally:
        w.close()


def test_dark_palette_toggle_and_print(watched):
    page = watched.goto("index.html")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_timeout(200)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != scheme
    page.screenshot(path=str(SHOTS / "overview-dark.png"), full_page=True)
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.os-table-tools')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-sidebar')).display") == "none"
    page.emulate_media(media="screen")
    assert watched.problems == []
