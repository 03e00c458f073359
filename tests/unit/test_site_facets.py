"""Facets: the rows' data-f-* attributes (Table.facets), the facet bar's selects (render_facets, facet_options) and
the pipeline review's Team and Rep selects, on a synthetic warehouse with names that need escaping."""

from __future__ import annotations

import html
import re
from pathlib import Path

import duckdb
import pytest
from markupsafe import escape

from onstrategy_site import build_site
from onstrategy_site.formatting import Formatter
from onstrategy_site.tables import Column, Facet, FacetOption, Table, facet_options, render_facets, render_table
from tests.synthetic_warehouse import EVIL_NAME, create_synthetic_warehouse

ROOT = Path(__file__).resolve().parents[2]
FMT = Formatter("USD")
EVIL = "<script>alert('x')</script> & \"co\""
LISTS = {"pipeline-cull": "cull", "pipeline-late-stage": "late_stage", "pipeline-top-value": "top_value"}


def _rows() -> list[dict]:
    return [{"name": "A", "team": "East", "rep": "r1", "amount": 1.0},
            {"name": "B", "team": EVIL, "rep": "r2", "amount": 2.0},
            {"name": "C", "team": None, "rep": "r3", "amount": 3.0}]


def _table(**kw) -> Table:
    return Table("t", [Column("name", "Name"), Column("amount", "Amount", "money")], _rows(), "t", **kw)


def test_a_table_without_facets_writes_no_facet_attributes():
    out = str(render_table(_table(), "", FMT, {}))
    assert "data-f" not in out and "data-of-rows" not in out
    assert out.count("<tr>") == 4  # the header and three rows, bare


def test_facets_write_one_escaped_attribute_per_row_and_the_tables_list():
    out = str(render_table(_table(facets=["team", "rep"]), "", FMT, {}))
    assert '<table class="os-table" id="t" data-facets="team rep">' in out
    rows = re.findall(r"<tr ([^>]*)>", out)
    assert rows == ['data-f-team="East" data-f-rep="r1"',
                    f'data-f-team="{escape(EVIL)}" data-f-rep="r2"',
                    'data-f-team="" data-f-rep="r3"']  # no value: only "All" keeps the row
    assert EVIL not in out


def test_a_facet_key_is_a_plain_attribute_name():
    with pytest.raises(ValueError):
        render_table(_table(facets=['team" onclick="x']), "", FMT, {})
    with pytest.raises(ValueError):
        render_facets([Facet("Team", "Team", "All teams", [])], "", "")


def test_totals_of_rows_mark_the_footer_the_script_hides_while_filtering():
    out = str(render_table(_table(totals={"amount": 6.0}, totals_of_rows=True), "", FMT, {}))
    assert "<tfoot data-of-rows>" in out


def test_facet_options_are_the_values_sorted_by_their_words_with_what_they_sit_in():
    rows = [{"rep": "r2", "name": "bob", "team": "West"}, {"rep": "r1", "name": "Alice", "team": "East"},
            {"rep": "r2", "name": "bob", "team": "East"}, {"rep": None, "name": "nobody", "team": "East"},
            {"rep": "r3", "name": None, "team": None}]
    options = facet_options(rows, "rep", "name", within="team")
    assert [(o.value, o.text, o.within) for o in options] == [
        ("r1", "Alice", ["East"]), ("r2", "bob", ["East", "West"]), ("r3", "r3", [])]
    assert [o.value for o in facet_options(rows, "team")] == ["East", "West"]


def test_the_facet_bar_is_hidden_labelled_and_escaped():
    reps = [FacetOption("r1", EVIL, within=["East", EVIL], status=f"{EVIL} holds $1", href=f"reps/{EVIL}.html",
                        link=f"{EVIL}'s page")]
    out = str(render_facets([Facet("team", "Team", "All teams", [FacetOption("East", "East")]),
                             Facet("rep", "Rep", "All reps", reps, within="team")], f"Scope {EVIL}", "../"))
    assert out.startswith('<div class="os-facets" role="group" aria-label="Narrow the lists" hidden>')
    assert ('<span class="os-facet"><label for="os-facet-team">Team</label> <select id="os-facet-team" '
            'data-facet="team"><option value="">All teams</option>') in out
    assert ('<label for="os-facet-rep">Rep</label> <select id="os-facet-rep" data-facet="rep" '
            'data-facet-within="team"><option value="">All reps</option>') in out
    e = escape(EVIL)
    assert f'data-within="East&#10;{e}"' in out
    assert f'data-status="{e} holds $1"' in out and f'data-href="../reps/{e}.html"' in out
    assert f'>{e}</option>' in out and f"Scope {e}" in out
    assert EVIL not in out and "'" not in out.replace("'s page", "")  # every quote escaped
    assert '<p class="os-facets__status" aria-live="polite"></p>' in out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    tmp = tmp_path_factory.mktemp("facets")
    wh = create_synthetic_warehouse(tmp / "wh.duckdb", reps=14, evil_names=True)
    pages = []
    for run in ("a", "b"):
        build_site(wh, tmp / run, ROOT / "strategy.yml")
        pages.append((tmp / run / "pipeline.html").read_text(encoding="utf-8"))
    return wh, pages[0], pages[1]


def _query(wh: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(wh), read_only=True) as con:
        return con.execute(sql).fetchall()


def _select(page: str, key: str) -> str:
    return re.search(rf'<select id="os-facet-{key}" data-facet="{key}".*?</select>', page, re.S).group()


def test_the_pipeline_review_offers_every_team_and_rep_with_an_open_opportunity(built):
    wh, page, again = built
    assert page == again  # the same page from the same warehouse
    teams = [t for (t,) in _query(wh, "select distinct team from marts.fct_pipeline where not is_closed "
                                      "and team is not null")]
    reps = _query(wh, """select distinct p.rep_id, coalesce(r.rep_name, p.rep_id) from marts.fct_pipeline p
                         left join marts.dim_reps r using (rep_id) where not p.is_closed""")
    assert len(teams) > 1 and len(reps) > 1
    team_select, rep_select = _select(page, "team"), _select(page, "rep_id")
    shown_teams = [html.unescape(v) for v in re.findall(r'<option value="([^"]+)"', team_select)]
    assert shown_teams == sorted(teams, key=lambda t: (t.casefold(), t))
    names = [html.unescape(n) for n in re.findall(r'<option value="[^"]+"[^>]*>([^<]*)</option>', rep_select)]
    assert names == sorted((n for _, n in reps), key=lambda n: (n.casefold(), n))
    assert 'data-facet-within="team"' in rep_select
    assert EVIL_NAME not in page and escape(EVIL_NAME) in rep_select  # the synthetic evil rep name
    assert page.count('role="group" aria-label="Narrow the lists" hidden') == 1


def test_every_list_row_carries_its_team_and_rep(built):
    wh, page, _ = built
    for table_id, name in LISTS.items():
        table = re.search(rf'<table class="os-table" id="{table_id}" data-facets="team rep_id">(.*?)</table>',
                          page, re.S)
        assert table, table_id
        rows = re.findall(r'<tr data-f-team="([^"]*)" data-f-rep_id="([^"]*)">', table.group(1))
        limit = {"cull": 100, "late_stage": 50, "top_value": 50}[name]
        where = {"cull": "not coalesce(is_icp, false)", "late_stage": "is_icp and is_late_stage",
                 "top_value": "is_icp"}[name]
        expected = _query(wh, f"""select coalesce(team, ''), rep_id from marts.fct_pipeline
                                  where not is_closed and {where}
                                  qualify row_number() over (order by amount desc nulls last, opportunity_id)
                                      <= {limit}""")
        assert sorted((html.unescape(t), html.unescape(r)) for t, r in rows) == sorted(expected)
        assert "<tfoot data-of-rows>" in table.group(1)
