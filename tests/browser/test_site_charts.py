"""The charts in Chromium on the demo run's site (opened from file://), checked against the warehouse it was built
from: one colour per product line on every chart (light and dark), category bars with whole labels in gap order,
round ticks, and the tooltip layer (hover, keyboard focus, Escape, tap, escaping)."""

from __future__ import annotations

import html
import math
import re

import duckdb
import pytest

from tests.conftest import PipelineRun

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

NEUTRAL_SERIES = ("This rep", "Company", "Target", "Target share", "On-strategy share")

# the product line of every mark that carries one: category bars (their tooltip's first line) and the legend
# items of charts whose series are product lines; the colour as its class and as the browser paints it
COLLECT = """() => {
  const out = [];
  const cls = el => (Array.from(el.classList).find(c => /^os-s\\d+$/.test(c)) || '');
  const colour = el => { const bar = el.querySelector('.os-hbar__bar');
                         return el instanceof SVGElement ? getComputedStyle(el).fill
                           : getComputedStyle(bar || el).backgroundColor; };
  const name = el => el.dataset.tip.split('\\n')[0].replace(/: [^:]*$/, '');
  document.querySelectorAll('.os-hbar__track, .os-mixbar [data-tip]').forEach(el =>
    out.push([name(el), cls(el), colour(el)]));
  document.querySelectorAll('.os-legend .os-legend__item').forEach(item => {
    const key = item.querySelector('.os-legend__key');
    out.push([item.textContent.trim(), cls(key), colour(key)]);
  });
  return out;
}"""

# the index of the first mark of a kind that is large enough to point at
BIG_MARK = """sel => Array.from(document.querySelectorAll(sel))
  .findIndex(el => { const r = el.getBoundingClientRect(); return r.width > 8 && r.height > 12; })"""


def _query(demo_run: PipelineRun, sql: str) -> list[tuple]:
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def _product_lines(demo_run: PipelineRun) -> list[tuple[str, float, float | None]]:
    """The as-of quarter's product lines: name, share of bookings, target share."""
    return [(name, float(share or 0), None if target is None else float(target)) for name, share, target in _query(
        demo_run, """select product_line, share_of_quarter, target_share
                     from marts.fct_strategy_adherence_by_product where is_as_of_quarter""")]


def _rep_with_most_lines(demo_run: PipelineRun) -> str:
    return _query(demo_run, """
        select bookings.rep_id from marts.fct_bookings as bookings
        join marts.as_of as as_of on bookings.fiscal_quarter_index = as_of.as_of_quarter_index
        group by bookings.rep_id order by count(distinct bookings.product_line) desc, bookings.rep_id limit 1""")[0][0]


def _product_page(demo_run: PipelineRun, line: str) -> str:
    from onstrategy_site.formatting import slugify

    return f"products/{slugify(line)}.html"


def _colours_by_line(browser, demo_run: PipelineRun, pages: list[str], lines: set[str],
                     scheme: str) -> dict[str, set[tuple[str, str]]]:
    seen: dict[str, set[tuple[str, str]]] = {}
    page = browser.new_page(viewport={"width": 1440, "height": 1000}, color_scheme=scheme)
    for rel in pages:
        page.goto((demo_run.site_dir / rel).as_uri())
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if scheme == "dark" else "default")
        for name, cls, colour in page.evaluate(COLLECT):
            if name in lines or name in NEUTRAL_SERIES:
                seen.setdefault(name, set()).add((cls, colour))
        # a product line's own page draws its share in the line's colour
        own = page.locator("h1").first.inner_text()
        if own in lines:
            line = page.locator('figure.os-chart:has(.os-chart__title:text-is("Share of bookings by quarter")) '
                                'polyline.os-line').first
            cls = next(c for c in line.get_attribute("class").split() if re.fullmatch(r"os-s\d+", c))
            seen.setdefault(own, set()).add((cls, line.evaluate("el => getComputedStyle(el).stroke")))
    page.close()
    return seen


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_product_line_has_one_colour_on_every_chart(demo_run: PipelineRun, browser, scheme: str) -> None:
    lines = {name for name, _, _ in _product_lines(demo_run)}
    rep = _rep_with_most_lines(demo_run)
    pages = ["index.html", "products/index.html", f"reps/{rep}.html", "strategy.html",
             *[_product_page(demo_run, line) for line in sorted(lines)[:2]]]
    seen = _colours_by_line(browser, demo_run, pages, lines, scheme)
    assert lines <= set(seen)
    classes = {}
    for line in lines:
        assert len({cls for cls, _ in seen[line]}) == 1, (line, seen[line])  # one class on every chart
        assert len({colour for _, colour in seen[line]}) == 1, (line, seen[line])  # and one painted colour
        classes[line] = next(iter(seen[line]))
    assert len(set(classes.values())) == len(lines)  # no two product lines alike
    product_colours = {colour for _, colour in classes.values()}
    neutral = {colour for name in NEUTRAL_SERIES for _, colour in seen.get(name, set())}
    assert neutral and not neutral & product_colours  # the page's own series and the yardsticks take none of them


def test_the_dark_palette_has_its_own_colour_for_each_product_line(demo_run: PipelineRun, browser) -> None:
    lines = {name for name, _, _ in _product_lines(demo_run)}
    light = _colours_by_line(browser, demo_run, ["products/index.html"], lines, "light")
    dark = _colours_by_line(browser, demo_run, ["products/index.html"], lines, "dark")
    for line in lines:
        assert {c for _, c in light[line]} != {c for _, c in dark[line]}, line


@pytest.mark.parametrize("width", [1440, 390])
def test_category_bars_show_every_label_whole_sorted_by_gap_to_target(demo_run: PipelineRun, browser,
                                                                       width: int) -> None:
    rows = [r for r in _product_lines(demo_run) if r[1] > 0 or r[2]]  # lines with bookings or a target
    expected = [name for name, share, target in
                sorted(rows, key=lambda r: (0, r[1] - r[2], r[0]) if r[2] is not None else (1, -r[1], r[0]))]
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((demo_run.site_dir / "products" / "index.html").as_uri())
    chart = page.locator("figure.os-hchart:visible").first
    labels = chart.locator(".os-hbar__label:not(.os-hbar__axis-gap)")
    assert labels.all_inner_texts() == expected
    for i in range(labels.count()):  # shown whole: nothing cut off or hidden
        assert labels.nth(i).evaluate("el => el.scrollWidth <= el.clientWidth + 1 && el.offsetHeight > 0")
    by_name = {name: (share, target) for name, share, target in rows}
    assert chart.locator(".os-hbar__track").count() == len(rows)
    for track in chart.locator(".os-hbar__track").all():
        name = track.get_attribute("data-tip").split("\n")[0]
        share, target = by_name[name]
        width_pct = float(track.locator(".os-hbar__bar").get_attribute("style").split(":")[1].rstrip("%"))
        assert math.isclose(width_pct, share * 100, abs_tol=0.01)  # the axis runs 0-100%
        if target is not None:
            left = float(track.locator(".os-hbar__target").get_attribute("style").split(":")[1].rstrip("%"))
            assert math.isclose(left, target * 100, abs_tol=0.01)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


def test_a_reps_product_mix_is_sorted_by_the_reps_gap_to_each_target(demo_run: PipelineRun, browser) -> None:
    rep = _rep_with_most_lines(demo_run)
    amounts = dict(_query(demo_run, f"""
        select bookings.product_line, sum(bookings.amount) from marts.fct_bookings as bookings
        join marts.as_of as as_of on bookings.fiscal_quarter_index = as_of.as_of_quarter_index
        where bookings.rep_id = '{rep}' group by 1"""))
    total = sum(float(a) for a in amounts.values())
    targets = {name: target for name, _, target in _product_lines(demo_run)}
    shown = [name for name in targets if amounts.get(name) or targets[name]]
    gap = {name: float(amounts.get(name) or 0) / total - (targets[name] or 0) for name in shown}
    expected = sorted(shown, key=lambda n: (gap[n], n))
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto((demo_run.site_dir / "reps" / f"{rep}.html").as_uri())
    mix = page.locator('figure.os-hchart:has(.os-chart__title:text-matches("^Product mix vs target"))')
    assert mix.locator(".os-hbar__label").all_inner_texts()[:len(expected)] == expected
    assert "largest shortfall first" in mix.inner_text()
    page.close()


def _tick_value(text: str) -> float:
    scale = {"K": 1e3, "M": 1e6, "B": 1e9}
    m = re.fullmatch(r"[−-]?\$?([\d,]+(?:\.\d+)?)([KMB]?)%?", text.strip())
    assert m, text
    return float(m.group(1).replace(",", "")) * scale.get(m.group(2), 1)


def _is_round_axis(values: list[float]) -> bool:
    """0, s, 2s, ... with s one of 1, 2, 2.5 or 5 x 10^n (2.5: the quarters of a 0-100 axis)."""
    if len(values) < 2 or values[0] != 0:
        return False
    step = values[1]
    exp = 10.0 ** math.floor(math.log10(step))
    return (any(math.isclose(step / exp, m) for m in (1, 2, 2.5, 5))
            and all(math.isclose(v, i * step, rel_tol=1e-9) for i, v in enumerate(values)))


def test_every_value_axis_has_round_ticks(demo_run: PipelineRun) -> None:
    axes = 0
    for path in sorted(demo_run.site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for svg in re.findall(r'<svg class="os-svg".*?</svg>', text, flags=re.DOTALL):
            ticks = [html.unescape(t) for t in re.findall(r'class="os-ytick"[^>]*>([^<]+)<', svg)]
            assert _is_round_axis([_tick_value(t) for t in ticks]), (path.name, ticks)
            axes += 1
        for axis in re.findall(r'<div class="os-hbar__axis".*?</div>', text, flags=re.DOTALL):
            ticks = [html.unescape(t) for t in re.findall(r"<span[^>]*>([^<]+)</span>", axis)]
            if all(t.endswith(" pts") for t in ticks):  # points of the adherence score lost ("where the points went")
                assert _is_round_axis([_tick_value(t.removesuffix(" pts")) for t in ticks]), (path.name, ticks)
            else:
                assert ticks == ["0%", "25%", "50%", "75%", "100%"], (path.name, ticks)  # shares: 0-100%
            axes += 1
    assert axes > 50


def _tip(page) -> str | None:
    box = page.locator(".os-tip")
    return box.inner_text() if box.count() and box.is_visible() else None


def test_the_tooltip_shows_on_hover_and_focus_and_hides_on_escape(demo_run: PipelineRun, browser) -> None:
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "index.html").as_uri())
    assert page.locator("svg.os-svg [data-tip] title").count() == 0  # one tooltip, not the native one as well
    bars = "svg.os-svg rect.os-bar[data-tip]"
    bar = page.locator(bars).nth(page.evaluate(BIG_MARK, bars))
    assert bar.get_attribute("aria-label")  # the <title> became its accessible name
    bar.hover()
    assert _tip(page) == bar.get_attribute("data-tip")
    page.mouse.move(2, 2)
    assert _tip(page) is None
    track = page.locator(".os-hbar__track").first
    track.focus()
    assert _tip(page) == track.get_attribute("data-tip")
    assert track.get_attribute("aria-describedby") == "os-tip"
    page.keyboard.press("Escape")
    assert _tip(page) is None
    focused = None
    for _ in range(4):  # on to the next mark by keyboard (past the next category's link)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.getAttribute('data-tip')")
        if focused:
            break
    assert focused and focused != track.get_attribute("data-tip") and _tip(page) == focused
    page.close()


def test_the_tooltip_shows_a_marks_text_as_text(demo_run: PipelineRun, browser) -> None:
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "index.html").as_uri())
    evil = '<img src=x onerror="window.__hit=1">Core & <b>co</b>\nShare: 1%'
    track = page.locator(".os-hbar__track").first
    track.evaluate("(el, tip) => el.setAttribute('data-tip', tip)", evil)
    track.hover()
    assert _tip(page) == evil
    assert page.locator(".os-tip img, .os-tip b").count() == 0
    assert page.evaluate("window.__hit") is None
    page.close()


def test_the_tooltip_shows_on_tap_and_a_linked_mark_opens_on_the_second_tap(demo_run: PipelineRun,
                                                                             browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                  device_scale_factor=2)
    page = context.new_page()
    start = (demo_run.site_dir / "index.html").as_uri()
    page.goto(start)
    bars = "svg.os-svg rect.os-bar[data-tip]"
    bar = page.locator(bars).nth(page.evaluate(BIG_MARK, bars))
    bar.scroll_into_view_if_needed()
    bar.tap()
    assert _tip(page) == bar.get_attribute("data-tip")
    box = page.locator(".os-tip").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390  # within the phone's screen
    page.locator("h1").first.tap()
    assert _tip(page) is None
    # a seller's dot (drawn on top) of the shown period's scatter, a link to the rep's page
    dot = page.locator(".os-period:visible svg.os-svg a[data-tip]").last
    dot.scroll_into_view_if_needed()
    dot.tap()
    assert _tip(page) == dot.get_attribute("data-tip") and page.url == start
    with page.expect_navigation():
        dot.tap()
    assert "/reps/" in page.url
    context.close()


@pytest.mark.parametrize("rel", ["index.html", "products/index.html", "teams/index.html", "billing.html"])
def test_charts_fit_a_phone_without_sideways_scrolling(demo_run: PipelineRun, browser, rel: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto((demo_run.site_dir / rel).as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for figure in page.locator("figure.os-chart:visible").all():  # the shown period's (others are hidden)
        box = figure.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.close()
