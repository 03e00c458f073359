"""The executive site off a web server's root: search from file://, the 404 page from file:// and from a sub-folder,
and sorting a table from the keyboard (Debian chromium through Playwright)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from onstrategy_site import build_site
from tests.browser.conftest import serving
from tests.browser.test_site_browser import EVIL_REP, SHOTS, Watched
from tests.synthetic_warehouse import EVIL_NAME, create_synthetic_warehouse

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EVIL_TEAM = "Team <b>Zero</b> & Co"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site in a folder two levels below the temporary folder: neither its URL nor its path is a root."""
    tmp = tmp_path_factory.mktemp("offline-site")
    wh = create_synthetic_warehouse(tmp / "wh.duckdb", reps=16, evil_names=True)
    out = tmp / "hosted" / "site"
    out.parent.mkdir()
    build_site(wh, out, ROOT / "strategy.yml")
    return out


@pytest.fixture(scope="module")
def sub_folder_url(site: Path) -> Iterator[str]:
    """The site served from a sub-folder of a web server (http://127.0.0.1:port/site/)."""
    with serving(site.parent) as url:
        yield f"{url}{site.name}/"


@pytest.fixture
def offline(browser, site: Path) -> Iterator[Watched]:
    w = Watched(browser, site.as_uri() + "/", viewport={"width": 1440, "height": 900})
    yield w
    w.close()


def _file_of(url: str) -> Path:
    parts = urlsplit(url)
    assert parts.scheme == "file", url
    return Path(unquote(parts.path))


def _search(page, text: str):
    box = page.locator("input.md-search__input")
    assert box.is_visible(), "the search box is shown"
    box.click()
    box.press_sequentially(text)  # key by key, as Material listens to keys
    return page.locator(".md-search-result__list li.md-search-result__item")


def test_search_from_file_url_links_to_a_rep_page(offline, site):
    page = offline.goto("reps/index.html")  # a page in a sub-folder: result links must climb to the root
    results = _search(page, "rep 0002")
    link = results.locator("a", has=page.locator("h1", has_text="Rep 0002")).first
    link.wait_for()
    assert "matching document" in page.locator(".md-search-result__meta").inner_text()
    assert link.get_attribute("href").startswith("../reps/")
    target = _file_of(link.evaluate("a => a.href"))
    assert target.is_file() and target.parent == site / "reps"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "search-file-url.png"))
    link.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == "Rep 0002"
    assert offline.problems == []


def test_search_from_file_url_needs_every_word(offline):
    page = offline.goto("index.html")
    results = _search(page, "Rep 0002")
    results.first.wait_for()
    hrefs = results.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert hrefs and all(not h.startswith(("/", "../")) for h in hrefs)  # relative to a page at the root
    page.locator("input.md-search__input").fill("Rep 0002 zebrafishless")
    page.locator(".md-search-result__meta", has_text="No matching documents").wait_for()
    assert results.count() == 0
    assert offline.problems == []


def test_search_results_show_names_as_text(offline):
    page = offline.goto("teams/index.html")
    results = _search(page, "alert(1)")
    # the rep of that name and the account of that name (the synthetic warehouse gives both the same name)
    title = results.locator(f'a[href="../reps/{EVIL_REP}.html"] h1', has_text="alert(1)").first
    title.wait_for()
    assert title.inner_text() == EVIL_NAME
    account = results.locator('a[href^="../accounts/"] h1', has_text="alert(1)").first
    account.wait_for()
    assert account.inner_text() == EVIL_NAME
    page.locator("input.md-search__input").fill("zero & co")
    team = results.locator("h1", has_text="Zero").first
    team.wait_for()
    assert team.inner_text() == EVIL_TEAM
    assert page.evaluate("document.querySelectorAll('.md-search-result__list script, .md-search-result__list b')"
                         ".length") == 0
    assert offline.problems == []  # no alert dialog, no request leaving the site


def test_search_over_http_is_materials_own(browser, sub_folder_url):
    w = Watched(browser, sub_folder_url, viewport={"width": 1440, "height": 900})
    try:
        page = w.goto("reps/index.html")
        results = _search(page, "Rep 0002")
        results.locator("h1", has_text="Rep 0002").first.wait_for()
        assert page.locator("[data-md-component=search]").get_attribute("data-os-offline") is None
        assert w.problems == []
    finally:
        w.close()


def _check_404(page, site: Path | None) -> None:
    """Material's and the site's stylesheets applied, Material's script ran, and every link leads to a page."""
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-grid')).maxWidth") == "1440px"
    assert page.evaluate("document.documentElement.classList.contains('js')")
    hrefs = page.locator("a[href]").evaluate_all("as => as.map(a => a.href)")
    assert len(hrefs) >= 10
    if site is not None:
        for href in hrefs:
            target = _file_of(href.split("#", 1)[0])
            assert target.is_file() and site in target.parents, href


def test_404_page_from_file_url(offline, site):
    assert '="/' not in (site / "404.html").read_text(encoding="utf-8")
    page = offline.goto("404.html")
    _check_404(page, site)
    page.screenshot(path=str(SHOTS / "404-file-url.png"))
    page.locator(".md-sidebar--primary").get_by_role("link", name="Reps", exact=True).click()
    page.wait_for_load_state()
    assert _file_of(page.url) == site / "reps" / "index.html"
    assert offline.problems == []


def test_404_page_from_a_sub_folder_of_a_server(browser, sub_folder_url):
    w = Watched(browser, sub_folder_url, viewport={"width": 1440, "height": 900})
    try:
        page = w.goto("404.html")
        _check_404(page, None)
        hrefs = page.locator("a[href]").evaluate_all("as => as.map(a => a.href)")
        assert all(h.startswith(sub_folder_url) for h in hrefs), hrefs
        page.locator(".md-sidebar--primary").get_by_role("link", name="Teams", exact=True).click()
        page.wait_for_load_state()
        assert page.url == sub_folder_url + "teams/index.html"
        assert page.locator("h1").first.inner_text() == "Teams"
        assert w.problems == []
    finally:
        w.close()


def _bookings(page) -> list[float]:
    col = page.locator("table#reps thead th").evaluate_all(
        "ths => ths.findIndex(th => th.innerText.trim().startsWith('Bookings'))")
    vals = page.eval_on_selector_all("table#reps tbody tr", f"rs => rs.map(r => parseFloat(r.cells[{col}].dataset.v))")
    return [v for v in vals if v == v]


def test_header_sorts_from_the_keyboard(offline):
    page = offline.goto("reps/index.html")
    header = page.locator("table#reps thead th", has_text="Bookings").first
    page.locator(".os-table-search").first.focus()
    for _ in range(40):  # Tab through the tools and the headers until the Bookings button has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('th') && "
                         "document.activeElement.closest('th').innerText.trim().startsWith('Bookings')"):
            break
    else:
        pytest.fail("Tab never reached the Bookings header")
    assert page.evaluate("document.activeElement.classList.contains('os-sort')")
    outline = page.evaluate("(s => [s.outlineStyle, parseFloat(s.outlineWidth)])"
                            "(getComputedStyle(document.activeElement))")
    assert outline[0] == "solid" and outline[1] > 0, outline  # the site's ring, not the browser's "auto"
    before = _bookings(page)
    page.keyboard.press("Enter")
    first = header.get_attribute("aria-sort")
    assert first in ("ascending", "descending")
    vals = _bookings(page)
    assert len(vals) > 5 and vals == sorted(vals, reverse=first == "descending") and vals != before
    assert page.locator("table#reps thead th[aria-sort]").count() == 1
    page.keyboard.press("Space")
    second = header.get_attribute("aria-sort")
    assert {first, second} == {"ascending", "descending"}
    assert _bookings(page) == sorted(vals, reverse=second == "descending")
    assert offline.problems == []
