"""The managers' pages (SPEC "Organisation", #26) in Chromium on the demo run's site (opened from file://), checked
against the warehouse it was built from: the top manager's roll-up is the company, every manager of the roll-up
mart has a page with content, rep pages link to their manager, the index lists each manager once, and a user with
no activity who manages no one gets no page."""

from __future__ import annotations

import duckdb
import pytest

from onstrategy.strategy import load_strategy
from onstrategy_site.formatting import Formatter, safe_id
from onstrategy_site.metrics import metric
from tests.conftest import PipelineRun

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def _query(demo_run: PipelineRun, sql: str) -> list[tuple]:
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def _managers(demo_run: PipelineRun) -> dict[str, str]:
    """Every manager of the roll-up mart, by id, with the name its pages show."""
    return dict(_query(demo_run, """
        select manager_id, arg_max(manager_name, fiscal_quarter_index)
        from marts.fct_strategy_adherence_by_manager group by manager_id"""))


def test_the_top_managers_page_shows_the_companys_numbers(demo_run: PipelineRun, browser) -> None:
    top, bookings, share = _query(demo_run, """
        select managers.manager_id, company.bookings_amount, company.on_strategy_share
        from marts.fct_strategy_adherence_by_manager as managers
        join marts.dim_reps as users on users.rep_id = managers.manager_id
        join marts.fct_strategy_adherence_company as company on company.is_as_of_quarter
        where managers.is_as_of_quarter and users.manager_id is null
        order by managers.reps desc, managers.manager_id limit 1""")[0]
    fmt = Formatter(load_strategy(demo_run.strategy).reporting_currency)
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "managers" / f"{safe_id(top)}.html").as_uri())
    assert "top of the organisation" in page.locator(".os-sub").inner_text()
    for name, value in (("bookings_amount", bookings), ("on_strategy_share", share)):
        expected = fmt.value(value, metric(name).kind, True)
        tile = page.locator(".os-period:visible .os-tile", has=page.locator(
            f'.os-tile__label a[href$="#m-{name}"]'))
        assert tile.count() == 1, name
        assert tile.locator(".os-tile__value").inner_text().strip() == expected, name
        assert tile.locator(".os-tile__note").inner_text().strip() == f"Company {expected}", name
    page.close()


def test_every_manager_has_a_page_with_content(demo_run: PipelineRun, browser) -> None:
    managers = _managers(demo_run)
    assert len(managers) > 1  # the demo has a CEO, a VP and first-line managers
    pages = {p.stem for p in (demo_run.site_dir / "managers").glob("*.html")} - {"index"}
    assert pages == {safe_id(m) for m in managers}
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    for manager_id, name in managers.items():
        page.goto((demo_run.site_dir / "managers" / f"{safe_id(manager_id)}.html").as_uri())
        assert page.locator("h1.os-title").inner_text().strip() == name
        assert page.locator(".os-period:visible .os-tile").count() > 0, manager_id
        assert page.locator("table#manager-reports tbody tr").count() > 0, manager_id
        assert page.locator("table#manager-history tbody tr").count() > 0, manager_id
        assert page.locator(".os-chart svg").count() > 0, manager_id
    page.close()


def test_a_rep_page_links_to_its_direct_manager(demo_run: PipelineRun, browser) -> None:
    rep_id, manager_id, manager_name = _query(demo_run, """
        select users.rep_id, users.manager_id, users.manager_name
        from marts.dim_reps as users
        where users.manager_id in (select manager_id from marts.fct_strategy_adherence_by_manager)
            and users.rep_id in (select rep_id from marts.fct_strategy_adherence_by_rep)
        order by users.rep_id limit 1""")[0]
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "reps" / f"{safe_id(rep_id)}.html").as_uri())
    link = page.locator(f'.os-sub a[href$="managers/{safe_id(manager_id)}.html"]')
    assert link.count() == 1
    assert link.inner_text().strip() == manager_name
    link.click()
    assert page.locator("h1.os-title").inner_text().strip() == manager_name
    # and the manager's page lists the rep among those directly under them
    assert page.locator(f'table#manager-reports a[href$="reps/{safe_id(rep_id)}.html"]').count() == 1
    page.close()


def test_the_managers_index_lists_each_manager_once(demo_run: PipelineRun, browser) -> None:
    managers = _managers(demo_run)
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "managers" / "index.html").as_uri())
    links = page.locator("table#managers tbody tr td:first-child a")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert sorted(h.rsplit("/", 1)[-1] for h in hrefs) == sorted(f"{safe_id(m)}.html" for m in managers)
    assert sorted(links.all_inner_texts()) == sorted(managers.values())
    # the navigation has the index, right after the teams
    nav = [t.strip() for t in page.locator("nav.md-nav--primary > ul > li > a").all_inner_texts()]
    assert nav.index("Managers") == nav.index("Teams") + 1
    page.close()


def test_no_page_for_a_user_without_activity_who_manages_no_one(demo_run: PipelineRun) -> None:
    managers = set(_managers(demo_run))
    sellers = {r[0] for r in _query(demo_run, "select distinct rep_id from marts.fct_strategy_adherence_by_rep")}
    users = {r[0] for r in _query(demo_run, "select rep_id from marts.dim_reps")}
    assert managers - sellers  # the demo's managers sell nothing: a manager's page, no rep page
    for user in users - sellers:
        assert not (demo_run.site_dir / "reps" / f"{safe_id(user)}.html").exists(), user
        assert (demo_run.site_dir / "managers" / f"{safe_id(user)}.html").exists() == (user in managers), user
    (ceo,) = _query(demo_run, """
        select rep_id from marts.dim_reps where manager_id is null and is_manager order by rep_id limit 1""")[0]
    assert not (demo_run.site_dir / "reps" / f"{safe_id(ceo)}.html").exists()
