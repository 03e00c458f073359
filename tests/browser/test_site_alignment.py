"""Sales alignment plans and coaching (SPEC "Steering", #28) in Chromium on the demo run's site (opened from
file://), checked against the warehouse it was built from: the nav entry, the line-of-sight grid, the roll-up's
verdicts with the marts' numbers, the team without a plan and its red flag, a plan's progress for another quarter
of the selector, a manager's "Coach this quarter" in points order, a rep's points adding up to the score, and
nothing wider than a phone at 390 px."""

from __future__ import annotations

import duckdb
import pytest

from onstrategy_site.formatting import Formatter, safe_id
from onstrategy_site.pages.alignment import verdict
from tests.conftest import PipelineRun

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
FMT = Formatter("USD")


def _query(demo_run: PipelineRun, sql: str) -> list[tuple]:
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def _asof(demo_run: PipelineRun) -> tuple[str, int, int]:
    return _query(demo_run, """select as_of_quarter, as_of_quarter_index, company.version_id from marts.as_of
                               join marts.fct_strategy_adherence_company as company
                                   on company.fiscal_quarter_index = as_of.as_of_quarter_index""")[0]


def test_the_alignment_page_shows_line_of_sight_rollup_and_plans(demo_run: PipelineRun, browser) -> None:
    quarter, _, version_id = _asof(demo_run)
    teams = _query(demo_run, f"""select team, bool_and(line_of_sight = 'no_plan') from marts.fct_alignment_line_of_sight
                                 where version_id = {version_id} group by team order by team""")
    rollup = _query(demo_run, f"""select metric, company_target, implied_target, plan_gap
                                  from marts.fct_alignment_rollup where version_id = {version_id}""")
    assert teams and rollup
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "index.html").as_uri())
    page.get_by_role("link", name="Alignment plans").first.click()
    assert page.url.endswith("alignment.html")
    block = page.locator(f'.os-period[data-period="{quarter}"]')
    assert block.is_visible()
    grid = block.locator("table.os-los tbody tr")
    assert grid.count() == len(teams)
    for i, (team, no_plan) in enumerate(teams):
        row = grid.nth(i)
        assert row.locator("th").inner_text().strip() == team
        if no_plan:
            assert row.locator("td.os-los--no_plan").count() >= 1
            assert block.locator("section.os-plan--none", has_text=team).locator(
                ".os-flag", has_text="No approved alignment plan").count() >= 1
    verdicts = [v.strip() for v in block.locator("li.os-verdict").all_inner_texts()]
    for metric, company, implied, gap in rollup:
        expected = verdict(FMT, {"metric": metric, "company_target": company, "implied_target": implied,
                                 "plan_gap": gap})[1]
        assert expected in verdicts, expected
    page.close()


def test_a_plans_progress_follows_the_quarter_selector(demo_run: PipelineRun, browser) -> None:
    _, index, _ = _asof(demo_run)
    rows = _query(demo_run, f"""select fiscal_quarter, team, actual from marts.fct_alignment_progress
                                where fiscal_quarter_index = {index - 1} and priority_order = 1
                                    and actual is not null order by team limit 1""")
    if not rows:
        pytest.skip("no plan progress in the quarter before the as-of one")
    quarter, team, actual = rows[0]
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "alignment.html").as_uri())
    page.select_option("select[data-os-period]", quarter)
    plan = page.locator(f'.os-period[data-period="{quarter}"] section.os-plan', has_text=team).first
    assert plan.is_visible()
    first = plan.locator("table.os-plan__priorities tbody tr").first
    assert FMT.pct(actual) in first.inner_text()
    page.close()


def test_coach_this_quarter_and_where_the_points_went(demo_run: PipelineRun, browser) -> None:
    quarter, index, _ = _asof(demo_run)
    manager, = _query(demo_run, f"""select manager_id from marts.fct_coaching where fiscal_quarter_index = {index}
                                    and manager_id is not null group by manager_id
                                    order by count(distinct rep_id) desc, manager_id limit 1""")[0]
    ranked = _query(demo_run, f"""
        select coaching.rep_id, sum(points_lost), any_value(adherence_score) from marts.fct_coaching as coaching
        join marts.dim_reps as users using (rep_id)
        where fiscal_quarter_index = {index} and list_contains(string_split(users.manager_chain, ','), '{manager}')
        group by coaching.rep_id order by sum(points_lost) desc, any_value(coaching.rep_name), coaching.rep_id""")
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "managers" / f"{safe_id(manager)}.html").as_uri())
    cards = page.locator(".os-coach__card h3 a")
    assert cards.count() == min(10, len(ranked))
    hrefs = [cards.nth(i).get_attribute("href") or "" for i in range(cards.count())]
    assert [h.rsplit("/", 1)[-1] for h in hrefs] == [f"{safe_id(r[0])}.html" for r in ranked[:len(hrefs)]]
    assert page.locator("table#manager-coaching tbody tr").count() == len(ranked)
    rep_id, lost, score = ranked[0]
    page.locator(".os-coach__card h3 a").first.click()
    assert page.url.endswith(f"reps/{safe_id(rep_id)}.html")
    line = page.locator(f'.os-period[data-period="{quarter}"] .os-points-sum').inner_text()
    assert f"100 − {FMT.num(lost, 1)} points lost = Adherence score {FMT.num(score, 1)}" in line
    assert page.locator(f'.os-period[data-period="{quarter}"] .os-hbar__track').count() >= 1
    page.close()


@pytest.mark.parametrize("rel", ["alignment.html", "managers/index.html"])
def test_nothing_wider_than_a_phone(demo_run: PipelineRun, browser, rel: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto((demo_run.site_dir / rel).as_uri())
    hrefs = [rel]
    if rel == "managers/index.html":
        hrefs = ["managers/" + (page.locator("table#managers tbody tr a").first.get_attribute("href") or "")]
    for href in hrefs:
        page.goto((demo_run.site_dir / href).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, href
    page.close()
