"""Site building blocks: number formatting, SVG charts, strategy reading, fiscal calendar."""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from markupsafe import Markup, escape

from onstrategy.errors import OnstrategyError
from onstrategy.strategy import load_strategy
from onstrategy.strategy.fiscal import fiscal_quarter_bounds, fiscal_quarter_bounds_of_label, fiscal_quarter_label
from onstrategy_site import charts
from onstrategy_site.charts import Series
from onstrategy_site.formatting import Formatter, safe_id, slugify, yaml_title
from onstrategy_site.tables import Column, Table, escape_text, render_table

STRATEGY = Path(__file__).resolve().parents[2] / "strategy.yml"


def test_money_and_shares():
    f = Formatter("USD")
    assert f.money(1234567.4) == "$1,234,567"
    assert f.money(1234567.4, compact=True) == "$1.23M"
    assert f.money(987.0, compact=True) == "$987"
    assert f.money(None) == "–" and f.money(float("nan")) == "–"
    assert f.pct(0.4567) == "45.7%"
    assert f.pct(None) == "–"
    assert Formatter("EUR").money(10) == "€10"
    assert Formatter("CHF").money(10) == "CHF 10"


def test_deltas_show_their_sign_and_direction():
    f = Formatter("USD")
    assert f.delta(0.032, "on_strategy_share") == "+3.2 pp"
    assert f.delta(-0.032, "on_strategy_share") == "−3.2 pp"
    assert f.delta(4.06, "adherence_score") == "+4.1"
    assert f.delta(-1500000, "bookings_amount", rel=-0.1) == "−$1.50M (−10.0%)"
    assert f.delta(None, "on_strategy_share") == ""
    assert f.direction(0.1, "on_strategy_share") == "good"
    assert f.direction(-0.1, "on_strategy_share") == "bad"
    assert f.direction(2, "red_flag_count") == "bad"  # fewer red flags is better
    assert f.direction(0, "on_strategy_share") == "flat"
    # within the neutral band: no colour (a share in points, money relative to the previous quarter)
    assert f.direction(0.004, "on_strategy_share") == "flat"
    assert f.direction(0.006, "on_strategy_share") == "good"
    assert f.direction(0.4, "adherence_score") == "flat"
    assert f.direction(-50_000, "bookings_amount", rel=-0.005) == "flat"
    assert f.direction(-50_000, "bookings_amount", rel=-0.02) == "bad"


def test_a_tiles_delta_is_judged_against_its_target():
    f = Formatter("USD")
    # the case: +1.5 pp on a share 27 pp below its target is not good news yet
    assert f.judged_direction(0.33, 0.015, 0.60, "on_strategy_share") == "mixed"
    assert f.judged_direction(0.33, -0.015, 0.60, "on_strategy_share") == "bad"
    assert f.judged_direction(0.65, 0.015, 0.60, "on_strategy_share") == "good"
    assert f.judged_direction(0.65, -0.015, 0.60, "on_strategy_share") == "mixed"  # slipping, still on target
    assert f.judged_direction(0.33, 0.002, 0.60, "on_strategy_share") == "flat"
    assert f.judged_direction(0.33, 0.015, None, "on_strategy_share") == "good"  # no target: by direction


def test_a_sparkline_draws_the_known_quarters_and_the_target():
    from onstrategy_site.charts.spark import sparkline

    quarters = ["Q1", "Q2", "Q3", "Q4"]
    svg = str(sparkline(quarters, [0.2, None, 0.3, 0.4], lambda v: f"{v:.0%}", target=0.5, min_span=0.1))
    assert svg.count("<polyline") == 1  # the gap at Q2 splits the line; the run of one point is not drawn
    assert 'class="os-spark__target' in svg and svg.count("<circle") == 1
    assert "Q1 20%, Q3 30%, Q4 40%; target 50%" in svg
    assert sparkline(quarters, [None, None, 0.3, None], str) is None  # one value is no trend
    flat = str(sparkline(quarters[:2], [0.5, 0.5], str, min_span=0.1))
    ys = {float(y) for y in re.findall(r",([0-9.]+)", flat.split("points=")[1].split('"')[1])}
    assert len(ys) == 1 and 3 < ys.pop() < 25  # a flat line sits mid-height, not on an edge


def test_titles_and_slugs_are_safe():
    assert str(yaml_title('<script>"x"</script>')) == '"&lt;script&gt;&quot;x&quot;&lt;/script&gt;"'
    s = slugify("<script>alert(1)</script>")
    assert s.startswith("script-alert-1-script-") and s.replace("-", "").isalnum()
    assert slugify("Team A") != slugify("team a")
    assert safe_id("0050000000000ABC12") == "0050000000000ABC12"
    assert "/" not in safe_id("../etc/passwd")


@pytest.mark.parametrize("value", ["<script>x</script>", "O'Brien & \"Sons\"", "plain", "", 12, -1.5, math.nan, True,
                                   Markup("<b>safe</b>"), Decimal("1.20")])
def test_table_cells_escape_as_markupsafe_does(value):
    assert escape_text(value) == str(escape(value))


def test_table_escapes_names_and_links_but_not_numbers():
    table = Table("t", [Column("name", "Name", link="href"), Column("amount", "Amount", kind="money")],
                  [{"name": "<b>Ann</b>", "href": "reps/a\"b.html", "amount": 1234.5}], "t")
    html = str(render_table(table, "../", Formatter(), {}))
    assert '<a href="../reps/a&#34;b.html">&lt;b&gt;Ann&lt;/b&gt;</a>' in html
    assert '<td class="os-num" data-v="1234.5">$1,234</td>' in html  # 1,234.5 rounds half to even


def test_line_chart_has_marks_axes_legend_and_escaped_text():
    svg = str(charts.line_chart("Share <b>", ["FY2027-Q1", "FY2027-Q2", "FY2027-Q3"],
                                [Series("Rep <script>", [0.1, None, 0.3]), Series("Target", [0.5] * 3, dashed=True)],
                                lambda v: f"{v:.0%}", ymax=1.0))
    assert svg.count("<circle") == 2  # the missing value has no mark
    assert "<polyline" in svg and 'stroke-dasharray' in svg
    assert "<script>" not in svg and "Rep &lt;script&gt;" in svg and "Share &lt;b&gt;" in svg
    assert "os-legend" in svg and "100%" in svg  # y axis up to 100 %
    assert "http" not in svg


def test_bar_charts_grouped_and_stacked():
    cats = ["A", "B"]
    grouped = str(charts.bar_chart("g", cats, [Series("x", [1, 2]), Series("y", [3, None])], str))
    assert grouped.count("<rect") == 3
    stacked = str(charts.bar_chart("s", cats, [Series("x", [0.5, 0.2]), Series("y", [0.5, 0.8])], str,
                                   stacked=True, ymax=1.0, links=["a.html", None]))
    assert stacked.count("<rect") == 4 and '<a href="a.html">' in stacked
    empty = str(charts.bar_chart("e", [], [], str))
    assert "No data" in empty


def test_strategy_versions_and_fiscal_quarters():
    s = load_strategy(STRATEGY)
    assert [s.version_id(v) for v in s.versions] == [1, 2]
    assert s.version_on(date(2026, 3, 1)).name == "FY2027 growth plan"
    assert s.version_id(s.version_on(date(2025, 3, 1))) == 1
    start_month = s.fiscal_year_start_month
    assert fiscal_quarter_bounds_of_label("FY2027-Q3", start_month) == (date(2026, 8, 1), date(2026, 10, 31))
    assert fiscal_quarter_bounds_of_label("FY2027-Q4", start_month) == (date(2026, 11, 1), date(2027, 1, 31))
    assert s.versions[1].red_flags["on_strategy_share_below"] == 0.30
    assert math.isclose(sum(p.target_share for p in s.versions[1].product_lines), 1.0)


def test_version_lookups_by_id_and_date():
    s = load_strategy(STRATEGY)
    assert [s.version_by_id(i) for i in (1, 2)] == s.versions
    assert s.version_by_id(None) is None and s.version_by_id(0) is None and s.version_by_id(3) is None
    assert s.version_on(date(2001, 1, 1)) == s.versions[0]  # before the first version: the first
    assert s.version_on(date(2026, 1, 31)) == s.versions[0] and s.version_on(date(2026, 2, 1)) == s.versions[1]


@pytest.mark.parametrize("start_month", range(1, 13))
def test_quarter_label_bounds_invert_the_labels(start_month):
    day = date(2024, 1, 1)
    while day < date(2027, 1, 1):
        label = fiscal_quarter_label(day, start_month)
        assert fiscal_quarter_bounds_of_label(label, start_month) == fiscal_quarter_bounds(day, start_month)
        day += timedelta(days=17)
    assert fiscal_quarter_bounds_of_label("FY2027-Q5", start_month) is None
    assert fiscal_quarter_bounds_of_label("2027 Q1", start_month) is None


def test_bad_strategy_file_is_a_one_line_error(tmp_path):
    with pytest.raises(OnstrategyError, match="file not found"):
        load_strategy(tmp_path / "nope.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("reporting_currency: USD\nfiscal_year_start_month: 2\nversions: []\n")
    with pytest.raises(OnstrategyError, match="versions"):
        load_strategy(bad)
