"""The charts (onstrategy_site.charts): round ticks, horizontal category bars with whole labels in gap order, value
labels, tooltips on every mark, escaping, one colour per product line."""

from __future__ import annotations

import html
import math
import re

from hypothesis import given
from hypothesis import strategies as st

from onstrategy_site import charts
from onstrategy_site.charts import Bar, Series, axes, palette
from onstrategy_site.formatting import Formatter

FMT = Formatter("USD")
QUARTERS = [f"FY20{y}-Q{q}" for y in (26, 27) for q in (1, 2, 3, 4)]


def _is_round_step(step: float) -> bool:
    """1, 2 or 5 x 10^n."""
    exp = math.floor(math.log10(step))
    return any(math.isclose(step, m * 10.0 ** exp) for m in (1, 2, 5))


def _y_ticks(svg: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'class="os-ytick"[^>]*>([^<]+)<', svg)]


def _tips(markup: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'data-tip="([^"]*)"', markup)]


@given(st.floats(min_value=1e-4, max_value=1e10, allow_nan=False), st.booleans())
def test_a_free_axis_steps_by_1_2_or_5_and_covers_the_data(vmax, integer):
    axis = axes.value_axis(vmax, integer=integer)
    assert _is_round_step(axis.step)
    assert axis.top >= vmax * (1 - 1e-9) and axis.top - axis.step < vmax
    assert 1 <= len(axis.ticks) - 1 <= axes.MAX_INTERVALS
    assert not integer or axis.step >= 1


def test_a_share_axis_stays_at_0_to_100_percent_in_quarters():
    for vmax in (0.0, 0.0625, 0.1875, 0.62, 1.0):
        assert axes.value_axis(vmax, 1.0).ticks == [0, 0.25, 0.5, 0.75, 1.0]
    assert axes.value_axis(1.4, 1.0).top > 1.4  # a value past the fixed axis is not cut off


def test_tick_labels_are_round_values_without_needless_zeros():
    # the shares that made ticks like 6.2% and 18.8% on an axis up to 25%
    svg = str(charts.line_chart("Shares", QUARTERS[:4], [Series("x", [0.0625, 0.1875, 0.12, 0.2])], FMT.pct))
    ticks = _y_ticks(svg)
    assert ticks == ["0%", "5%", "10%", "15%", "20%"]
    money = _y_ticks(str(charts.bar_chart("Money", QUARTERS[:3], [Series("x", [1.2e6, 2.2e6, 0.4e6])],
                                          lambda v: FMT.money(v, compact=True))))
    assert money == ["$0", "$500K", "$1M", "$1.5M", "$2M", "$2.5M"]
    counts = _y_ticks(str(charts.bar_chart("Counts", QUARTERS[:2], [Series("x", [1, 2])], lambda v: f"{v:,.0f}")))
    assert counts == ["0", "1", "2"]  # whole steps for counts: no "0" twice


def test_horizontal_bars_show_every_label_whole_and_escaped():
    long = "Enterprise <Analytics> & Data Cloud for Regulated Industries, EMEA and North America"
    bars = [Bar(long, 0.3, 0.5, "products/a.html"), Bar("Core", 0.6, 0.4)]
    out = str(charts.hbar_chart("Mix", bars, FMT.pct, "Share of bookings", "Target share", xmax=1.0))
    labels = [html.unescape(x) for x in re.findall(r'class="os-hbar__label">(?:<a [^>]*>)?([^<]*)', out)]
    assert labels == [long, "Core"]
    assert "<Analytics>" not in out and "&lt;Analytics&gt;" in out
    assert '<a href="products/a.html">' in out
    assert "…" not in out


def test_horizontal_bars_put_the_largest_shortfall_first():
    bars = [Bar("Over", 0.5, 0.2), Bar("Short by 30", 0.1, 0.4), Bar("No target", 0.9), Bar("Short by 10", 0.3, 0.4),
            Bar("Unsold", None, 0.2)]
    order = [b.label for b in charts.gap_order(bars)]
    gaps = [(b.value or 0) - b.target for b in bars if b.target is not None]
    assert order[:4] == [b.label for _, b in sorted(zip(gaps, [b for b in bars if b.target is not None],
                                                        strict=True), key=lambda gb: gb[0])]
    assert order[-1] == "No target"
    out = str(charts.hbar_chart("Mix", bars, FMT.pct, "Share", "Target", xmax=1.0, gap_fmt=FMT.pp))
    assert [t.split("\n")[0] for t in _tips(out)] == order
    assert "Gap to target: −30.0 pp" in _tips(out)[0]
    assert 'style="left:40.00%"' in out  # the target's tick where the target is on the 0-100% axis
    assert 'style="width:10.00%"' in out


def test_horizontal_bars_without_targets_are_sorted_largest_first():
    bars = [Bar("b", 0.2), Bar("a", 0.5), Bar("c", 0.2)]
    assert [b.label for b in charts.gap_order(bars)] == ["a", "b", "c"]  # ties by name: the input order is moot
    out = str(charts.hbar_chart("Teams", bars, FMT.pct, "Share"))
    assert "os-hbar__target" not in out and "shortfall" not in out


def test_every_mark_has_a_tooltip_its_title_and_keyboard_focus():
    svg = str(charts.line_chart("On-strategy", QUARTERS[:3], [Series("This rep <b>", [0.1, None, 0.3]),
                                                               Series("Company", [0.4, 0.4, 0.4], dashed=True)],
                                FMT.pct, ymax=1.0))
    tips = _tips(svg)
    assert tips == ["FY2026-Q1\nThis rep <b>: 10.0%\nCompany: 40.0%", "FY2026-Q3\nThis rep <b>: 30.0%\nCompany: 40.0%"]
    assert svg.count('tabindex="0"') == len(tips) == svg.count("<title>")
    assert "<b>" not in svg
    bars = str(charts.bar_chart("Motions", QUARTERS[:2], [Series("New", [0.3, 0.5]), Series("Exp", [0.7, 0.5])],
                                FMT.pct, stacked=True, ymax=1.0))
    assert len(_tips(bars)) == 4 and bars.count("<title>") == 4


def test_bars_carry_their_value_where_it_fits():
    two = str(charts.bar_chart("Booked", ["ICP", "Non-ICP"], [Series("Booked", [4.2e6, 1e6])],
                               lambda v: FMT.money(v, compact=True)))
    assert re.findall(r'class="os-barlabel[^"]*"[^>]*>([^<]+)<', two) == ["$4.20M", "$1.00M"]
    many = str(charts.bar_chart("Mix", [f"Q{i}" for i in range(40)],
                                [Series("a", [0.5] * 40), Series("b", [0.5] * 40)], FMT.pct, stacked=True,
                                ymax=1.0, label_fmt=charts.share_label))
    assert "os-barlabel" not in many  # forty quarters: no room, the tooltips carry the values


def test_category_labels_under_a_quarter_axis_are_whole():
    svg = str(charts.line_chart("Trend", QUARTERS, [Series("x", [0.5] * len(QUARTERS))], FMT.pct, ymax=1.0))
    shown = re.findall(r'class="os-xtick[^"]*"[^>]*>([^<]+)<', svg)
    assert shown and set(shown) <= set(QUARTERS)
    assert QUARTERS[-1] in shown  # aligned on the latest quarter


def test_product_lines_own_the_hues_and_other_series_never_take_one():
    reserved = {palette.THIS, palette.REFERENCE, palette.MUTED, palette.ALERT, *palette.SHADES}
    hues = {palette.product_hue(i) for i in range(palette.PRODUCT_HUES)}
    assert len(hues) == palette.PRODUCT_HUES and not hues & reserved
    assert max(hues | reserved) < palette.COLORS
    svg = str(charts.line_chart("x", QUARTERS[:2], [Series("a", [0.1, 0.2]), Series("b", [0.3, 0.4])], FMT.pct))
    used = {int(c) for c in re.findall(r'os-s(\d+)', svg)}
    assert used and not used & hues  # series without a colour of their own take the page's and indigo shades


def test_the_stylesheet_has_every_colour_in_light_and_dark():
    from onstrategy_site.render import PACKAGE_DIR

    css = (PACKAGE_DIR / "assets" / "onstrategy.css").read_text(encoding="utf-8")
    light = css[css.index(":root {"):css.index("}", css.index(":root {"))]
    dark = css[css.index('[data-md-color-scheme="slate"] {'):]
    dark = dark[:dark.index("}")]
    for block in (light, dark):
        values = [re.search(rf"--os-s{i}: (#[0-9a-f]{{6}})", block) for i in range(palette.COLORS)]
        assert all(values)
        product = [v.group(1) for v in values[:palette.PRODUCT_HUES]]  # type: ignore[union-attr]
        assert len(set(product)) == palette.PRODUCT_HUES
    for i in range(palette.COLORS):
        assert f".os-s{i} {{ --os-c: var(--os-s{i});" in css
