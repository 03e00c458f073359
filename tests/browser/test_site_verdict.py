"""The overview's verdict and the sellers' scatter, the reps index's Δ adherence and the rep product mix, in
Chromium on the demo run's site (opened from file://), checked against the warehouse it was built from."""

from __future__ import annotations

import html
import re

import duckdb
import pytest

from tests.conftest import PipelineRun

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def _query(demo_run: PipelineRun, sql: str) -> list[tuple]:
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_overview_says_the_verdict_and_plots_one_dot_per_seller(demo_run: PipelineRun, browser) -> None:
    quarter, share, sellers = _query(demo_run, """
        select as_of.as_of_quarter, company.on_strategy_share,
               (select count(*) from marts.fct_strategy_adherence_by_rep as reps
                where reps.is_as_of_quarter and reps.bookings_amount > 0 and reps.on_strategy_share is not null)
        from marts.as_of as as_of
        join marts.fct_strategy_adherence_company as company on company.is_as_of_quarter""")[0]
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "index.html").as_uri())
    verdict = page.get_by_test_id("verdict").inner_text()
    assert verdict.startswith(f"In {quarter}, {share * 100:.1f}% of bookings were on strategy"), verdict
    assert re.search(r"\d+ of \d+ objectives? met", verdict), verdict
    dots = page.locator(".os-period:visible circle.os-scatter-dot")
    assert dots.count() == sellers > 1
    assert page.locator(".os-period:visible a circle.os-scatter-dot").count() == sellers  # each links to its rep
    pair = page.locator(".os-period:visible table.os-pair tbody tr")
    assert pair.count() in (0, 2)
    # the fiscal year to date: one dot per seller with bookings in the year (the two-$5M-reps grain)
    year, year_sellers = _query(demo_run, """
        select fiscal_year, (select count(*) from marts.fct_strategy_adherence_by_rep_year as reps
                             where reps.is_as_of_year and reps.bookings_amount > 0
                               and reps.on_strategy_share is not null)
        from marts.fct_strategy_adherence_company_year where is_as_of_year""")[0]
    page.select_option("select[data-os-period]", year)
    assert page.locator(".os-period:visible circle.os-scatter-dot").count() == year_sellers >= sellers
    assert f"{year} to date" in page.locator(".os-period:visible .os-chart").first.inner_text()
    # a quarter the scatter is not drawn for keeps the as-of quarter's
    previous = page.locator("select[data-os-period] option").nth(1).get_attribute("value")
    page.select_option("select[data-os-period]", previous)
    assert page.locator(".os-period:visible circle.os-scatter-dot").count() == sellers
    page.close()


def test_the_reps_index_shows_the_change_of_adherence_for_reps_with_two_quarters(demo_run: PipelineRun,
                                                                                  browser) -> None:
    expected = _query(demo_run, """
        select count(*) from marts.fct_strategy_adherence_by_rep as this_quarter
        join marts.fct_strategy_adherence_by_rep as previous_quarter
            on previous_quarter.rep_id = this_quarter.rep_id
            and previous_quarter.fiscal_quarter_index = this_quarter.fiscal_quarter_index - 1
        where this_quarter.is_as_of_quarter and this_quarter.adherence_score is not null
            and previous_quarter.adherence_score is not null""")[0][0]
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "reps" / "index.html").as_uri())
    headers = page.locator("table#reps thead th").all_inner_texts()  # the as-of quarter's table
    column = next(i for i, text in enumerate(headers) if "Δ adherence" in text)
    cells = page.locator(f"table#reps tbody tr td:nth-child({column + 1})").all_inner_texts()
    assert expected > 0
    assert sum(1 for text in cells if text.strip() not in ("", "–", "—")) == expected
    page.close()


def test_a_rep_page_lists_a_strategic_line_the_rep_did_not_sell(demo_run: PipelineRun, browser) -> None:
    rows = _query(demo_run, """
        select reps.rep_id, lines.product_line
        from marts.fct_strategy_adherence_by_rep as reps
        join marts.fct_strategy_adherence_by_product as lines
            on lines.is_as_of_quarter and (lines.is_strategic or lines.target_share > 0)
        where reps.is_as_of_quarter and reps.bookings_amount > 0
            and not exists (select 1 from marts.fct_bookings as bookings
                            where bookings.rep_id = reps.rep_id and bookings.product_line = lines.product_line
                                and bookings.fiscal_quarter_index = reps.fiscal_quarter_index)
        order by 1, 2 limit 1""")
    if not rows:
        pytest.fail("the demo has no rep who left a targeted product line unsold in the as-of quarter")
    rep_id, line = rows[0]
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "reps" / f"{rep_id}.html").as_uri())
    row = page.locator("table.os-table tr", has_text=line).first
    assert row.count() == 1
    assert "$0" in row.inner_text() and "0.0%" in row.inner_text()
    page.close()


def test_no_page_for_a_user_or_role_without_activity(demo_run: PipelineRun) -> None:
    from onstrategy_site.formatting import safe_id, slugify

    sellers = {safe_id(r[0])
               for r in _query(demo_run, "select distinct rep_id from marts.fct_strategy_adherence_by_rep")}
    users = {safe_id(r[0]) for r in _query(demo_run, "select rep_id from marts.dim_reps")}
    pages = {p.stem for p in (demo_run.site_dir / "reps").glob("*.html")} - {"index"}
    assert pages == sellers and users - sellers  # the demo has managers who sell nothing: they get no page
    teams = {slugify(r[0]) for r in _query(demo_run, """
        select distinct team from marts.fct_strategy_adherence_by_team
        union select distinct team from marts.fct_strategy_adherence_by_rep""")}
    team_pages = {p.stem for p in (demo_run.site_dir / "teams").glob("*.html")} - {"index"}
    assert team_pages == teams


def test_no_page_shows_a_flag_or_reason_code(demo_run: PipelineRun) -> None:
    from onstrategy import labels
    from onstrategy.metrics import METRICS

    codes = ({f"{m.name}_below" for m in METRICS} | set(labels.QUARANTINE_REASONS) | set(labels.UNMATCHED_REASONS)
             | set(labels.OFF_STRATEGY_REASONS) | {"email_domain"})
    found: dict[str, str] = {}
    for page in demo_run.site_dir.rglob("*.html"):
        if "dbt-docs" in page.parts or page.name == "definitions.html":  # the column dictionary names columns
            continue
        text = re.sub(r"<script.*?</script>", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        found.update({code: page.name for code in codes if re.search(rf"\b{code}\b", text)})
    assert found == {}
    rep_page = next(p for p in (demo_run.site_dir / "reps").glob("*.html") if "below target" in p.read_text())
    assert rep_page  # the red flags are there, in words


def test_search_from_file_finds_an_account_and_an_opportunity(demo_run: PipelineRun, browser) -> None:
    account, account_id = _query(demo_run, """
        select accounts.account_name, accounts.account_id
        from marts.fct_bookings as bookings
        join marts.dim_accounts as accounts using (account_id)
        cross join marts.as_of as as_of
        where bookings.fiscal_quarter_index between as_of.as_of_quarter_index - 3 and as_of.as_of_quarter_index
        group by accounts.account_name, accounts.account_id
        order by sum(bookings.amount) desc limit 1""")[0]
    opportunity = _query(demo_run, """
        select opportunity_name from marts.fct_pipeline
        where not is_closed and not coalesce(is_icp, false) order by amount desc limit 1""")[0][0]
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "teams" / "index.html").as_uri())
    for name, target in ((account, f"accounts/{account_id}.html"), (opportunity, "pipeline.html#pipeline-cull")):
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("")
        box.press_sequentially(name.split(" - ")[0][:40])
        link = page.locator(".md-search-result__list li.md-search-result__item a", has_text=name).first
        link.wait_for()
        assert link.get_attribute("href").endswith(target)
        page.keyboard.press("Escape")
    page.close()


def test_trends_leave_out_a_partial_first_quarter_and_mark_strategy_versions(demo_run: PipelineRun) -> None:
    from onstrategy.strategy import load_strategy
    from onstrategy.strategy.fiscal import fiscal_quarter_bounds_of_label

    quarters = _query(demo_run, "select fiscal_quarter, version_id from marts.fct_strategy_adherence_company "
                                "where fiscal_quarter_index <= (select as_of_quarter_index from marts.as_of) "
                                "order by fiscal_quarter_index")
    first_booking = _query(demo_run, "select min(close_date) from marts.fct_bookings")[0][0]
    strategy = load_strategy(demo_run.strategy)
    start = fiscal_quarter_bounds_of_label(quarters[0][0], strategy.fiscal_year_start_month)[0]
    page = (demo_run.site_dir / "index.html").read_text(encoding="utf-8")
    trend = page[page.index('aria-label="On-strategy share by quarter"'):]
    trend = trend[:trend.index("</svg>")]
    ticks = re.findall(r'class="os-xtick"[^>]*>([^<]+)<', trend)
    assert all(re.fullmatch(r"FY\d{4}-Q\d", tick) for tick in ticks)  # the tables' label style
    assert (quarters[0][0] + " · " in trend) is (first_booking <= start)  # a partial first quarter is not plotted
    starts = [strategy.version_by_id(v).name for (_, v), (_, before) in zip(quarters[1:], quarters[:-1],
                                                                            strict=True) if v != before]
    assert all(f"{name} starts" in trend for name in starts) and starts
    assert "first win counts as a new logo" in page


def test_overview_tiles_judge_the_value_and_its_change_against_the_target(demo_run: PipelineRun, browser) -> None:
    from onstrategy.strategy import load_strategy

    strategy = load_strategy(demo_run.strategy)
    version_id, = _query(demo_run, "select version_id from marts.fct_strategy_adherence_company "
                                   "where is_as_of_quarter")[0]
    version = strategy.version_by_id(version_id)
    targets = {o.metric: o.target for o in version.objectives}
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "index.html").as_uri())
    checked = 0
    for name, target in targets.items():
        value = _query(demo_run, f"select {name} from marts.fct_strategy_adherence_company "
                                 f"where is_as_of_quarter")[0][0]
        card = page.locator(f'.os-tile:has(a[href$="#m-{name}"])').first
        value_class = card.locator(".os-tile__value").get_attribute("class")
        assert ("os-tile__value--good" if value >= target else "os-tile__value--bad") in value_class, name
        delta = card.locator(".os-delta")
        if value < target and delta.count():
            assert "os-delta--good" not in delta.get_attribute("class"), name  # below target is never green
        assert card.locator("svg.os-spark").count() == 1, name  # a sparkline of the last quarters
        checked += 1
    assert checked == len(targets) > 0
    page.close()


def test_the_quarter_selector_changes_the_tiles(demo_run: PipelineRun, browser) -> None:
    quarters = _query(demo_run, """
        select fiscal_quarter, on_strategy_share from marts.fct_strategy_adherence_company
        where fiscal_quarter_index <= (select as_of_quarter_index from marts.as_of)
        order by fiscal_quarter_index desc limit 2""")
    (as_of, as_of_share), (previous, previous_share) = quarters
    assert round(as_of_share, 3) != round(previous_share, 3)  # else the test could not see a change
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto((demo_run.site_dir / "index.html").as_uri())

    def shown_share() -> str:
        card = page.locator('.os-period:visible .os-tile:has(a[href$="#m-on_strategy_share"])')
        assert card.count() == 1
        return card.locator(".os-tile__value").inner_text()

    assert page.locator("select[data-os-period]").input_value() == as_of
    assert shown_share() == f"{as_of_share * 100:.1f}%"
    page.select_option("select[data-os-period]", previous)
    assert shown_share() == f"{previous_share * 100:.1f}%"
    assert page.locator(".os-period:visible .os-period__caption").inner_text().startswith(previous)
    # the choice follows the reader to a rep page of the same tab
    page.goto((demo_run.site_dir / "reps" / "index.html").as_uri())
    assert page.locator("select[data-os-period]").input_value() == previous  # the index shows it too
    page.locator(f'table[id="reps-{previous}"] tbody a').first.click()
    page.wait_for_load_state()
    assert page.locator("select[data-os-period]").input_value() == previous
    page.close()
    # without JavaScript: the as-of quarter alone, no selector
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.goto((demo_run.site_dir / "index.html").as_uri())
    groups = page.locator(".os-periods")
    assert groups.count() >= 2  # the tiles and the sellers' scatter
    for i in range(groups.count()):  # each shows the as-of block alone
        assert groups.nth(i).locator(":scope > .os-period:visible").count() == 1
        assert groups.nth(i).locator(":scope > .os-period[data-period-default]:visible").count() == 1
    assert page.locator(".os-period-select:visible").count() == 0
    assert shown_share() == f"{as_of_share * 100:.1f}%"
    context.close()
