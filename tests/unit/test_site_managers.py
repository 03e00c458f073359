"""The managers' pages (SPEC "Organisation") on the synthetic warehouse with an organisation added: a CEO over a VP
and three reps, the VP over the other three, an admin with no activity; and the same warehouse without the
managers' mart (no managers pages, no navigation entry)."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from onstrategy_site import build_site
from onstrategy_site.layout import MANAGERS_INDEX, NAV, site_nav
from tests.synthetic_warehouse import create_synthetic_warehouse

ROOT = Path(__file__).resolve().parents[2]
STRATEGY = ROOT / "strategy.yml"
CEO, VP, ADMIN = "005000000000000CEO", "0050000000000000VP", "005000000000ADMIN"
CEO_NAME = "<i>Chief</i> & Co"
REPS = [f"005{i:015d}" for i in range(6)]


def _add_organisation(wh: Path) -> None:
    con = duckdb.connect(str(wh))
    try:
        con.execute("alter table marts.dim_reps add column is_seller boolean default true")
        con.execute("alter table marts.dim_reps add column is_manager boolean default false")
        con.execute("alter table marts.dim_reps add column manager_chain varchar")
        con.execute(f"""insert into marts.dim_reps (rep_id, rep_name, team, manager_id, manager_name, is_active,
                                                    is_seller, is_manager, manager_chain) values
            ('{CEO}', $ceo, 'CEO', null, null, true, false, true, null),
            ('{VP}', 'Vera Vice', 'VP Sales', '{CEO}', $ceo, true, false, true, '{CEO}'),
            ('{ADMIN}', 'Adam Admin', 'Admin', '{CEO}', $ceo, true, false, false, '{CEO}')""", {"ceo": CEO_NAME})
        con.execute(f"""update marts.dim_reps set manager_id = '{VP}', manager_name = 'Vera Vice',
                        manager_chain = '{VP},{CEO}' where rep_id in ('{REPS[0]}', '{REPS[1]}', '{REPS[2]}')""")
        con.execute(f"""update marts.dim_reps set manager_id = '{CEO}', manager_name = $ceo,
                        manager_chain = '{CEO}' where rep_id in ('{REPS[3]}', '{REPS[4]}', '{REPS[5]}')""",
                    {"ceo": CEO_NAME})
        # the roll-ups' numbers do not matter here: the company's rows under each manager's name
        con.execute(f"""create table marts.fct_strategy_adherence_by_manager as
            select c.fiscal_quarter, c.fiscal_quarter_index, m.manager_id, m.manager_name, m.team, m.reps,
                   c.* exclude (fiscal_quarter, fiscal_quarter_index)
            from marts.fct_strategy_adherence_company as c
            cross join (values ('{CEO}', $ceo, 'CEO', 6), ('{VP}', 'Vera Vice', 'VP Sales', 3))
                as m(manager_id, manager_name, team, reps)""", {"ceo": CEO_NAME})
    finally:
        con.close()


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("managers")
    plain = create_synthetic_warehouse(tmp / "plain.duckdb", reps=6, evil_names=False, billing=False)
    with_org = create_synthetic_warehouse(tmp / "org.duckdb", reps=6, evil_names=False, billing=False)
    _add_organisation(with_org)
    build_site(plain, tmp / "plain", STRATEGY)
    build_site(with_org, tmp / "org", STRATEGY)
    return tmp / "plain", tmp / "org"


def test_a_page_per_manager_with_the_managers_and_sellers_directly_under_them(sites):
    _, out = sites
    assert sorted(p.name for p in (out / "managers").glob("*.html")) == sorted(
        ["index.html", f"{CEO}.html", f"{VP}.html"])
    ceo = (out / "managers" / f"{CEO}.html").read_text()
    assert "&lt;i&gt;Chief&lt;/i&gt; &amp; Co" in ceo
    assert "manages 6 sellers" in ceo and "top of the organisation" in ceo
    for linked in [f"../managers/{VP}.html", *[f"../reps/{r}.html" for r in REPS[3:]]]:
        assert f'href="{linked}"' in ceo, linked
    assert "Adam Admin" not in ceo  # no activity, manages no one: no page, not listed
    directly_under = ceo.split('id="directly-under', 1)[1].split('id="history-by-quarter"', 1)[0]
    for rep in REPS[:3]:  # under the VP, not directly under the CEO (its coaching lists everyone under it)
        assert f'href="../reps/{rep}.html"' not in directly_under
    vp = (out / "managers" / f"{VP}.html").read_text()
    assert "manages 3 sellers" in vp
    assert f'reports to <a href="../managers/{CEO}.html">' in vp


def test_the_index_lists_every_manager_and_rep_pages_link_their_manager(sites):
    _, out = sites
    index = (out / "managers" / "index.html").read_text()
    for manager in (CEO, VP):
        assert f'href="../managers/{manager}.html"' in index
    assert 'href="managers/index.html"' in (out / "index.html").read_text()  # the navigation entry
    assert f'manager <a href="../managers/{VP}.html">Vera Vice</a>' in (out / "reps" / f"{REPS[0]}.html").read_text()
    assert f'href="../managers/{CEO}.html"' in (out / "reps" / f"{REPS[4]}.html").read_text()
    assert not (out / "reps" / f"{ADMIN}.html").exists() and not (out / "reps" / f"{CEO}.html").exists()
    for page in out.rglob("*.html"):
        assert CEO_NAME not in page.read_text(), page


def test_no_managers_mart_no_managers_pages(sites):
    plain, _ = sites
    assert not (plain / "managers").exists()
    assert "managers/index.html" not in (plain / "index.html").read_text()
    assert "manager <a" not in (plain / f"reps/{REPS[0]}.html").read_text()


def test_the_navigation_has_the_managers_index_only_with_managers():
    assert site_nav(True) == NAV
    assert ("Managers", MANAGERS_INDEX) not in site_nav(False)
    labels = [label for label, _ in NAV]
    assert labels.index("Managers") == labels.index("Teams") + 1


def test_coach_this_quarter_and_the_teams_plans_on_a_manager_page(sites):
    _, out = sites
    wh = out.parent / "org.duckdb"
    with duckdb.connect(str(wh), read_only=True) as con:
        quarter_index, = con.execute("select as_of_quarter_index from marts.as_of").fetchone()
        ranked = [r[0] for r in con.execute(f"""
            select rep_id from marts.fct_coaching where fiscal_quarter_index = {quarter_index}
            group by rep_id order by sum(points_lost) desc, any_value(rep_name), rep_id""").fetchall()]
        non_icp = con.execute(f"""select opportunity_name from marts.fct_pipeline
            where not is_closed and not is_icp and rep_id = '{ranked[0]}'
            order by amount desc, opportunity_id limit 3""").fetchall()
        late_icp = con.execute(f"""select opportunity_name from marts.fct_pipeline
            where not is_closed and is_icp and is_late_stage and rep_id = '{ranked[0]}'
            order by amount desc, opportunity_id limit 3""").fetchall()
    ceo = (out / "managers" / f"{CEO}.html").read_text()
    coach = ceo.split('id="coach-this-quarter"', 1)[1].split('id="their-teams-alignment-plans"', 1)[0]
    # every seller under the CEO (all levels), the most points lost first
    cards = re.findall(r'<section class="os-coach__card">\s*<h3 class="os-h3"><a href="\.\./reps/([^.]+)\.html"',
                       coach)
    assert cards == [r.replace("|", "") for r in ranked][:len(cards)] and len(cards) == len(ranked)
    first = coach.split('<section class="os-coach__card">')[1].split("</section>", 1)[0]
    for (name,) in non_icp + late_icp:
        assert name in first
    assert "Coach:</strong> Coach on" in first and "&lt;now&gt;" in first  # the topic, escaped
    vp = (out / "managers" / f"{VP}.html").read_text()
    vp_cards = re.findall(r'<section class="os-coach__card">\s*<h3 class="os-h3"><a href="\.\./reps/([^.]+)\.html"',
                          vp)
    assert sorted(vp_cards) == sorted(r for r in ranked if r in REPS[:3])
    # the teams of the sellers under the CEO, with the plan's link or the missing plan's flag
    plans = ceo.split('id="their-teams-alignment-plans"', 1)[1].split('id="trend"', 1)[0]
    assert "../alignment.html#plan-" in plans and "No approved alignment plan" in plans
