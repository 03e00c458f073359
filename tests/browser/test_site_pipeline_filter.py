"""The pipeline review's Team and Rep selects in Chromium on the demo run's site (opened from file://): a rep leaves
only their rows in each list (as many as the warehouse has among each list's top N), a team narrows the rep
options, the text filter and a facet together, the CSV of a filtered list, and every row without the script.
Expected values come from the warehouse the site was built from."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest

from tests.conftest import PipelineRun

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

# each list's rule and size, as queries/pipeline_lists.sql has them
LISTS = {"pipeline-cull": ("not coalesce(is_icp, false)", 100),
         "pipeline-late-stage": ("is_icp and is_late_stage", 50),
         "pipeline-top-value": ("is_icp", 50)}
PAGE = 25


def _query(demo_run: PipelineRun, sql: str) -> list[tuple]:
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def _listed(demo_run: PipelineRun, table_id: str, columns: str = "*") -> list[tuple]:
    """The rows of a list: its top N open opportunities company-wide, with the rep's name."""
    where, size = LISTS[table_id]
    return _query(demo_run, f"""
        select {columns} from (
            select p.*, r.rep_name from marts.fct_pipeline p left join marts.dim_reps r using (rep_id)
            where not p.is_closed and {where}
            qualify row_number() over (order by p.amount desc nulls last, p.opportunity_id) <= {size})""")


def _busiest_rep(demo_run: PipelineRun) -> tuple[str, str, str]:
    """The rep with the most rows in the lists (ties by id): id, name, team."""
    counts: dict[tuple, int] = {}
    for table_id in LISTS:
        for key in _listed(demo_run, table_id, "rep_id, rep_name, team"):
            counts[key] = counts.get(key, 0) + 1
    return max(sorted(counts), key=lambda k: counts[k])


def _open(browser, demo_run: PipelineRun, **context):
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True, **context)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((demo_run.site_dir / "pipeline.html").as_uri())
    page.wait_for_load_state("load")
    return ctx, page, errors


def _visible_rows(page, table_id: str):
    return page.locator(f"table#{table_id} tbody tr:visible")


def _rep_column(page, table_id: str) -> int:
    headers = [h.strip(" ↕▲▼") for h in page.locator(f"table#{table_id} thead th").all_inner_texts()]
    return headers.index("Rep")


def test_choosing_a_rep_leaves_only_their_rows_in_every_list(demo_run: PipelineRun, browser) -> None:
    rep_id, rep_name, _ = _busiest_rep(demo_run)
    ctx, page, errors = _open(browser, demo_run)
    try:
        bar = page.locator(".os-facets")
        assert bar.is_visible()
        page.get_by_label("Rep", exact=True).select_option(rep_id)  # the select is labelled
        for table_id in LISTS:
            listed = _listed(demo_run, table_id, "rep_id")
            mine = sum(1 for (r,) in listed if r == rep_id)
            wrap = page.locator(".os-table-wrap", has=page.locator(f"table#{table_id}"))
            if not listed:
                continue
            assert wrap.locator(".os-table-count").inner_text() == f"{mine} of {len(listed)} rows"
            shown = _visible_rows(page, table_id)
            assert shown.count() == min(mine, PAGE)
            col = _rep_column(page, table_id)
            assert set(shown.locator(f"td:nth-child({col + 1})").all_inner_texts()) <= {rep_name}
            pager = wrap.locator(".os-pager")
            if pager.count():
                assert pager.is_visible() == (mine > PAGE)
                if mine > PAGE:
                    assert pager.locator(".os-pager__count").inner_text() == f"1–{PAGE} of {mine}"
            if mine < len(listed):  # the total of the listed rows is not the kept rows': hidden
                assert not page.locator(f"table#{table_id} tfoot").is_visible()
        # what the rep holds in the lists against their whole open pipeline, and the link to it
        held = {r for t in LISTS for (r,) in _listed(demo_run, t, "opportunity_id") if r}
        mine_held = {o for t in LISTS for (o, r) in _listed(demo_run, t, "opportunity_id, rep_id") if r == rep_id}
        n_open = _query(demo_run, f"select count(*) from marts.fct_pipeline where not is_closed "
                                  f"and rep_id = '{rep_id}'")[0][0]
        assert held >= mine_held
        status = page.locator(".os-facets__status")
        assert f"({len(mine_held)} of {n_open} open opportunit" in status.inner_text()
        link = status.locator("a")
        assert link.get_attribute("href").startswith("reps/") and link.get_attribute("href").endswith("#rep-pipeline")
        # back to every rep: every row again
        page.get_by_label("Rep", exact=True).select_option("")
        for table_id in LISTS:
            listed = _listed(demo_run, table_id, "rep_id")
            if listed:
                assert page.locator(f"table#{table_id} tbody tr:not([hidden])").count() == len(listed)
        assert status.inner_text() == ""
        assert errors == []
    finally:
        ctx.close()


def test_choosing_a_team_narrows_the_rep_options(demo_run: PipelineRun, browser) -> None:
    teams = _query(demo_run, """select team, count(distinct rep_id) from marts.fct_pipeline
                                where not is_closed and team is not null group by team order by team""")
    all_reps = _query(demo_run, """select distinct p.rep_id, coalesce(r.rep_name, p.rep_id) as name
                                   from marts.fct_pipeline p left join marts.dim_reps r using (rep_id)
                                   where not p.is_closed""")
    assert len(teams) > 1
    ctx, page, errors = _open(browser, demo_run)
    try:
        team_select, rep_select = page.get_by_label("Team", exact=True), page.get_by_label("Rep", exact=True)
        names = sorted((n for _, n in all_reps), key=lambda n: (n.casefold(), n))
        assert rep_select.locator("option").all_inner_texts() == ["All reps", *names]
        assert team_select.locator("option").all_inner_texts() == [
            "All teams", *sorted((t for t, _ in teams), key=lambda t: (t.casefold(), t))]
        team = team_select.locator("option").nth(1).get_attribute("value")  # the first team
        in_team = _query(demo_run, f"""select distinct p.rep_id, coalesce(r.rep_name, p.rep_id)
                                        from marts.fct_pipeline p left join marts.dim_reps r using (rep_id)
                                        where not p.is_closed and p.team = '{team}'""")
        outside = next(r for r, _ in all_reps if r not in {i for i, _ in in_team})
        rep_select.select_option(outside)
        team_select.select_option(team)  # a rep of another team: back to every rep of the team
        expected = sorted((n for _, n in in_team), key=lambda n: (n.casefold(), n))
        assert rep_select.locator("option").all_inner_texts() == ["All reps", *expected]
        assert rep_select.input_value() == ""
        # every list keeps the team's rows
        for table_id in LISTS:
            listed = _listed(demo_run, table_id, "team")
            if listed:
                kept = sum(1 for (t,) in listed if t == team)
                assert page.locator(f"table#{table_id} tbody tr:not([hidden])").count() == kept
        assert page.locator(".os-facets__status").inner_text().startswith(f"{team}: ")
        # the keyboard: on the team select, one step up is every team again
        team_select.focus()
        page.keyboard.press("ArrowUp")
        assert team_select.input_value() == ""
        assert rep_select.locator("option").count() == 1 + len(all_reps)
        assert errors == []
    finally:
        ctx.close()


def test_the_text_filter_and_a_rep_together_and_the_csv_has_their_rows(demo_run: PipelineRun, browser) -> None:
    rep_id, rep_name, _ = _busiest_rep(demo_run)
    table_id = max(LISTS, key=lambda t: sum(1 for (r,) in _listed(demo_run, t, "rep_id") if r == rep_id))
    rows = _listed(demo_run, table_id, "rep_id, opportunity_name, account_name, stage_name, segment")
    mine = [r for r in rows if r[0] == rep_id]
    typed = mine[0][3]  # a stage of one of the rep's rows: words, never in an amount, a date or a share
    kept = [r for r in mine if any(typed.lower() in (v or "").lower() for v in r[1:])]
    everyone = [r for r in rows if any(typed.lower() in (v or "").lower() for v in r[1:])]
    assert 0 < len(kept) <= len(mine)
    ctx, page, errors = _open(browser, demo_run)
    try:
        wrap = page.locator(".os-table-wrap", has=page.locator(f"table#{table_id}"))
        wrap.locator(".os-table-search").fill(typed)
        assert wrap.locator(".os-table-count").inner_text() == f"{len(everyone)} of {len(rows)} rows"
        page.get_by_label("Rep", exact=True).select_option(rep_id)
        assert wrap.locator(".os-table-count").inner_text() == f"{len(kept)} of {len(rows)} rows"
        assert _visible_rows(page, table_id).count() == min(len(kept), PAGE)
        # sorting keeps the filters
        page.locator(f"table#{table_id} thead th").nth(1).click()
        assert wrap.locator(".os-table-count").inner_text() == f"{len(kept)} of {len(rows)} rows"
        assert page.locator(f"table#{table_id} tbody tr:not([hidden])").count() == len(kept)
        with page.expect_download() as info:
            wrap.locator(".os-csv").click()
        header, *lines = csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig")))
        assert len(lines) == len(kept)  # the rows both filters keep, on every page; no totals row
        col = header.index("Rep")
        assert {line[col] for line in lines} == {rep_name}
        assert sorted(line[0] for line in lines) == sorted(r[1] for r in kept)
        assert errors == []
    finally:
        ctx.close()


def test_without_the_script_the_selects_are_hidden_and_every_row_shows(demo_run: PipelineRun, browser) -> None:
    ctx, page, _ = _open(browser, demo_run, java_script_enabled=False)
    try:
        assert page.locator(".os-facets").count() == 1 and not page.locator(".os-facets").is_visible()
        for table_id in LISTS:
            listed = _listed(demo_run, table_id, "opportunity_id")
            if listed:
                assert _visible_rows(page, table_id).count() == len(listed)
    finally:
        ctx.close()
