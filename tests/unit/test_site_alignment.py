"""Sales alignment plans and coaching on the site (SPEC "Steering", #28) from the synthetic warehouse (which carries
the alignment marts, the strategy tables of one team's plan and fct_coaching): the page "Alignment plans" (line of
sight, the roll-up's verdicts, the plan with its approver's name and progress, the team without a plan and its red
flag), escaping of team, approver and action; the rep page's "Where the points went" adding up to the score; and a
warehouse without the alignment marts or fct_coaching (no page, no navigation entry, no section)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import duckdb
import pytest

from onstrategy.labels import label
from onstrategy_site import build_site
from onstrategy_site.formatting import Formatter
from onstrategy_site.layout import ALIGNMENT_PAGE, NAV, site_nav
from onstrategy_site.pages.alignment import verdict
from tests.synthetic_warehouse import EVIL_NAME, PLAN_ACTION, create_synthetic_warehouse

ROOT = Path(__file__).resolve().parents[2]
STRATEGY = ROOT / "strategy.yml"
FMT = Formatter("USD")
EVIL_TEAM = "Team <b>Zero</b> & Co"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    tmp = tmp_path_factory.mktemp("alignment")
    wh = create_synthetic_warehouse(tmp / "wh.duckdb", reps=12, billing=False)
    build_site(wh, tmp / "site", STRATEGY)
    bare = create_synthetic_warehouse(tmp / "bare.duckdb", reps=6, evil_names=False, billing=False, alignment=False)
    build_site(bare, tmp / "bare", STRATEGY)
    return wh, tmp / "site", tmp / "bare"


def _query(wh: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(wh), read_only=True) as con:
        return con.execute(sql).fetchall()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_the_page_and_its_nav_entry(built):
    _, site, bare = built
    assert ("Alignment plans", ALIGNMENT_PAGE) in NAV
    assert ALIGNMENT_PAGE not in [rel for _, rel in site_nav(True, True, False)]
    assert (site / "alignment.html").is_file()
    assert 'href="alignment.html"' in (site / "index.html").read_text() or "alignment.html" in (
        site / "index.html").read_text()
    assert not (bare / "alignment.html").exists()
    assert "alignment.html" not in (bare / "index.html").read_text()


def test_line_of_sight_rollup_verdicts_and_the_team_without_a_plan(built):
    _, site, _ = built
    html = (site / "alignment.html").read_text()
    text = _text(html)
    assert "1 of 2 teams have an approved plan" in text
    assert "The teams' plans add up to 53.5% on-strategy share against the company's 60%: 6.5 points short." in text
    assert "The teams' plans add up: 50.0% strategic-product share against the company's 45%, 5.0 points above it." \
        in text
    assert "The teams' plans add up: 30.0% new-logo share against the company's 30%." in text
    assert "Cannot tell whether the plans add up to the company's 0.80 product balance" in text
    assert "The plans fall short of 1 of the company's 4 objectives." in text
    # the grid: the planned team direct on its priority, not covered elsewhere; the other team without a plan
    assert 'os-los--direct"><span class="os-los__word">Direct</span> <span class="os-los__target">70%</span>' in html
    assert html.count("os-los--no_plan") >= 4
    assert "Cross-sell share 30%" in text  # a priority outside the company's objectives: indirect
    assert "No approved alignment plan" in text
    assert "Team B0" in text


def test_the_plan_with_its_approver_progress_and_drop(built):
    wh, site, _ = built
    html = (site / "alignment.html").read_text()
    asof = _query(wh, "select as_of_quarter, as_of_quarter_index from marts.as_of")[0]
    actual, met = _query(wh, f"""select actual, met from marts.fct_alignment_progress
                                 where fiscal_quarter_index = {asof[1]} and metric = 'on_strategy_share'""")[0]
    block = html.split(f'data-period="{asof[0]}"', 1)[1].split('data-period="', 1)[0]
    text = _text(block)
    assert f"1. On-strategy share (company 60%) {PLAN_ACTION} 70% {FMT.pct(actual)}" in text
    assert ("met" if met else "pts below") in text
    assert f"Approved by {EVIL_NAME} on 2026-01-20" in text  # the approver's Id resolved to the user's name
    share = _query(wh, f"""select actual_share from marts.fct_alignment_drops
                           where fiscal_quarter_index = {asof[1]}""")[0][0]
    assert f"Legacy On-Prem 2% {FMT.pct(share)}" in text


def test_names_and_actions_are_escaped(built):
    _, site, _ = built
    html = (site / "alignment.html").read_text()
    assert EVIL_NAME not in html and "<b>Zero</b>" not in html and "<b>non-ICP</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Team &lt;b&gt;Zero&lt;/b&gt; &amp; Co" in html
    assert "Qualify out &lt;b&gt;non-ICP&lt;/b&gt; deals &amp; more" in html


def test_the_red_flag_is_worded_on_the_team_page(built):
    _, site, _ = built
    assert label("no_approved_plan") == "No approved alignment plan"
    team_pages = [p for p in (site / "teams").glob("*.html") if "Team B0" in p.read_text() and p.name != "index.html"]
    assert team_pages
    page = team_pages[0].read_text()
    assert "No approved alignment plan" in page and "no_approved_plan" not in _text(page)


def test_where_the_points_went_adds_up_to_the_score(built):
    wh, site, bare = built
    rep, quarter, lost, score = _query(wh, """
        select rep_id, fiscal_quarter, sum(points_lost), any_value(adherence_score) from marts.fct_coaching
        where fiscal_quarter_index = (select as_of_quarter_index from marts.as_of)
        group by rep_id, fiscal_quarter order by rep_id limit 1""")[0]
    html = (site / "reps" / f"{rep}.html").read_text()
    block = html.split('id="where-the-points-went"', 1)[1].split(f'data-period="{quarter}"', 1)[1]
    block = block.split("</figure>", 1)[0]
    text = _text(block)
    assert f"100 − {FMT.num(lost, 1)} points lost = Adherence score {FMT.num(score, 1)} in {quarter}" in text
    assert abs(100 - lost - score) < 1e-9
    assert f"Where the points went, {quarter}" in text
    top = _query(wh, f"""select metric, points_lost from marts.fct_coaching
                         where rep_id = '{rep}' and fiscal_quarter = '{quarter}' and is_top_gap""")
    if top:
        assert "top gap" in text and f"{FMT.num(top[0][1], 1)} pts" in text
    bare_rep = next((bare / "reps").glob("005*.html")).read_text()
    assert "Where the points went" not in bare_rep


def test_verdict_words():
    short = verdict(FMT, {"metric": "on_strategy_share", "company_target": 0.6, "implied_target": 0.58,
                          "plan_gap": -0.02})
    assert short == (False, "The teams' plans add up to 58.0% on-strategy share against the company's 60%: "
                            "2.0 points short.")
    assert verdict(FMT, {"metric": "on_strategy_share", "company_target": 0.6, "implied_target": 0.6,
                         "plan_gap": -1e-12})[0] is True
    assert verdict(FMT, {"metric": "product_balance_score", "company_target": 0.8, "implied_target": 0.7,
                         "plan_gap": -0.1})[1].endswith("0.10 short.")
