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
    dots = page.locator("circle.os-scatter-dot")
    assert dots.count() == sellers > 1
    assert page.locator("a circle.os-scatter-dot").count() == sellers  # each dot links to its rep's page
    pair = page.locator("table.os-pair tbody tr")
    assert pair.count() in (0, 2)
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
    headers = page.locator("table.os-table thead th").all_inner_texts()
    column = next(i for i, text in enumerate(headers) if "Δ adherence" in text)
    cells = page.locator(f"table.os-table tbody tr td:nth-child({column + 1})").all_inner_texts()
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
