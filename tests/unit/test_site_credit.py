"""Strategy credit and justified off-strategy business on the site (SPEC "Steering", #27) from the synthetic
warehouse (which carries fct_strategy_credit_by_rep and the off-strategy statuses): the page "If pay followed the
strategy" with the mart's risers and fallers, the rep page's credit tile and off-strategy deals, the exceptions on the
strategy page (an expired one marked), escaping of the approvers' names, the year's sums and ranks; and a warehouse
without the credit mart (no page, no navigation entry, no tile)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import duckdb
import pytest
import yaml

from onstrategy.metrics import CREDIT_PREDICATES
from onstrategy_site import build_site
from onstrategy_site.formatting import Formatter
from onstrategy_site.layout import CREDIT_PAGE, NAV, site_nav
from onstrategy_site.metrics import CREDIT_METRICS, CREDIT_PREDICATE_WORDS, metric
from onstrategy_site.queries import Warehouse
from tests.synthetic_warehouse import EVIL_NAME, create_synthetic_warehouse

ROOT = Path(__file__).resolve().parents[2]
FMT = Formatter("USD")
ACCOUNT = "001" + "0" * 14 + "3"  # an account of the synthetic warehouse (Account 3)
OPPORTUNITY = "006" + "0" * 14 + "1"


def _strategy(tmp: Path) -> Path:
    """strategy.yml with three exceptions of its own: an opportunity, an account, and an account's that expired."""
    data = yaml.safe_load((ROOT / "strategy.yml").read_text(encoding="utf-8"))
    data["exceptions"] = [
        {"opportunity_id": OPPORTUNITY, "reason": "long_term_opportunity", "approved_by": "Ann <b>Approver</b>",
         "approved_on": "2024-01-01", "note": "A two-year evaluation"},
        {"account_id": ACCOUNT, "reason": "leverage_contact", "approved_by": "Vic VP", "approved_on": "2026-01-01"},
        {"account_id": "001" + "0" * 14 + "4", "reason": "other", "approved_by": "Vic VP",
         "approved_on": "2025-01-01", "expires_on": "2025-06-01", "note": "A pilot that ended"},
    ]
    path = tmp / "strategy.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    tmp = tmp_path_factory.mktemp("credit")
    strategy = _strategy(tmp)
    wh = create_synthetic_warehouse(tmp / "wh.duckdb", reps=10, billing=False)
    build_site(wh, tmp / "site", strategy)
    bare = create_synthetic_warehouse(tmp / "bare.duckdb", reps=6, evil_names=False, billing=False)
    with duckdb.connect(str(bare)) as con:
        con.execute("drop table marts.fct_strategy_credit_by_rep")
    build_site(bare, tmp / "bare", strategy)
    return wh, tmp / "site", tmp / "bare"


def _query(wh: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(wh), read_only=True) as con:
        return con.execute(sql).fetchall()


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_every_credit_predicate_has_words_and_every_credit_column_a_format() -> None:
    assert set(CREDIT_PREDICATE_WORDS) == set(CREDIT_PREDICATES)
    assert metric("strategy_credit").kind == "money" and metric("credit_ratio").label == "Credit ratio"
    assert FMT.value(1.2345, "ratio") == "1.23×" and FMT.value(7, "rank") == "#7"
    assert FMT.value(None, "ratio") == "–"


def test_the_credit_page_is_in_the_navigation_and_lists_the_marts_movers(built) -> None:
    wh, site, _ = built
    assert ("If pay followed the strategy", CREDIT_PAGE) in NAV
    html = (site / "strategy-credit.html").read_text(encoding="utf-8")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="strategy-credit.html"' in index
    quarter, bookings = _query(wh, "select as_of_quarter, (select sum(amount) from marts.fct_bookings b "
                                   "where b.fiscal_quarter = a.as_of_quarter) from marts.as_of a")[0]
    # the as-of quarter's block: the budget-neutral total and the biggest riser, from the mart
    block = html[html.index(f'data-period="{quarter}"'):]
    assert f"{quarter}: {FMT.money(bookings, True)} booked → {FMT.money(bookings, True)} of strategy credit" in \
        _text(block)
    riser_name, shift = _query(wh, f"""select rep_name, rank_shift from marts.fct_strategy_credit_by_rep
        where fiscal_quarter = '{quarter}' and rank_shift > 0 order by rank_shift desc, credit_ratio desc limit 1""")[0]
    risers = block[block.index(f'id="credit-risers-{quarter.lower()}"'):]
    first_row = risers[risers.index("<tbody>"):risers.index("</tr>", risers.index("<tbody>"))]
    assert riser_name in _text(first_row)
    assert f">+{shift}<" in first_row
    assert "k</em> = Σ bookings / Σ raw credit" in html
    assert "Strategic product line" in html and "×1.5" in html  # the rules of the FY2027 growth plan, in words
    assert "strategic_product" not in html  # not the strategy.yml code
    assert "<script>alert(1)</script>" not in html


def test_a_rep_page_shows_the_credit_tile_and_the_off_strategy_deals(built) -> None:
    wh, site, _ = built
    rep_id, credit, ratio, b_rank, c_rank, quota, attainment, credit_attainment = _query(wh, """
        select rep_id, strategy_credit, credit_ratio, bookings_rank, credit_rank, quota, attainment,
               credit_attainment
        from marts.fct_strategy_credit_by_rep where is_as_of_quarter and quota is not null
        order by rep_id limit 1""")[0]
    html = (site / "reps" / f"{rep_id}.html").read_text(encoding="utf-8")
    tile = html[html.index('class="os-tile os-tile--credit"'):]
    tile = " ".join(_text(tile[:tile.index("If pay followed the strategy")]).split())
    assert FMT.money(credit, True) in tile
    assert f"{FMT.value(ratio, 'ratio')} the bookings" in tile
    assert f"#{b_rank} by bookings → #{c_rank} by credit" in tile
    assert f"{FMT.pct(attainment)} → {FMT.pct(credit_attainment)}" in tile
    assert FMT.money(quota, True) in tile
    # the as-of quarter's off-strategy deals of the rep, each opportunity once
    quarter = _query(wh, "select as_of_quarter from marts.as_of")[0][0]
    deals = {r[0] for r in _query(wh, f"""select min(opportunity_name) from marts.fct_bookings
        where rep_id = '{rep_id}' and fiscal_quarter = '{quarter}' group by opportunity_id
        having bool_or(off_strategy_status <> 'on_strategy')""")}
    assert deals
    table = html[html.index(f'id="rep-off-strategy-{quarter.lower()}"'):]
    table = table[:table.index("</table>")]
    assert {n for n in deals if f"<td>{n}</td>" in table} == deals
    assert "Off-strategy deals" in html and "Unjustified off-strategy share" in html


def test_approvers_names_are_escaped_and_the_exceptions_are_on_the_strategy_page(built) -> None:
    _, site, _ = built
    for page in [*(site / "reps").glob("*.html"), site / "red-flags.html", site / "strategy.html"]:
        assert EVIL_NAME not in page.read_text(encoding="utf-8"), page
    reps_html = "".join(p.read_text(encoding="utf-8") for p in (site / "reps").glob("*.html"))
    assert "VP &lt;script&gt;alert(1)&lt;/script&gt;" in reps_html  # the synthetic approver, as text
    html = (site / "strategy.html").read_text(encoding="utf-8")
    table = html[html.index('id="strategy-exceptions"'):]
    table = table[:table.index("</table>")]
    rows = table.split("<tr")[2:]
    assert len(rows) == 3
    assert "Deal 2" in rows[0] and "Long term opportunity" in rows[0] and "Ann &lt;b&gt;Approver&lt;/b&gt;" in rows[0]
    assert "Account 3" in rows[1] and "in force" in rows[1] and "Leverage contact" in rows[1]
    assert 'class="os-partial"' in rows[2] and "expired" in rows[2] and "2025-06-01" in rows[2]


def test_the_year_sums_the_quarters_and_ranks_the_sums(built) -> None:
    wh = Warehouse(built[0])
    try:
        rows = wh.run("credit_by_rep", {"q": 0, "fy": "FY2026"})
    finally:
        wh.close()
    year = {r["rep_id"]: r for r in rows if r["period"] == "FY2026"}
    sums = dict(_query(built[0], """select rep_id, sum(strategy_credit) from marts.fct_strategy_credit_by_rep
                                    where fiscal_quarter like 'FY2026-Q%' group by rep_id"""))
    assert set(year) == set(sums)
    for rep_id, total in sums.items():
        assert year[rep_id]["strategy_credit"] == pytest.approx(total)
    by_credit = sorted(year.values(), key=lambda r: -r["strategy_credit"])
    assert [r["credit_rank"] for r in by_credit] == list(range(1, len(by_credit) + 1))
    assert all(r["rank_shift"] == r["bookings_rank"] - r["credit_rank"] for r in year.values())


def test_without_the_credit_mart_no_page_no_entry_no_tile(built) -> None:
    _, _, bare = built
    assert not (bare / "strategy-credit.html").exists()
    assert "strategy-credit.html" not in (bare / "index.html").read_text(encoding="utf-8")
    assert (CREDIT_PAGE not in [rel for _, rel in site_nav(True, False)])
    for page in (bare / "reps").glob("*.html"):
        assert "os-tile--credit" not in page.read_text(encoding="utf-8")
    assert set(CREDIT_METRICS) <= set(_definitions_anchors(bare))


def _definitions_anchors(site: Path) -> list[str]:
    return re.findall(r'id="m-(\w+)"', (site / "definitions.html").read_text(encoding="utf-8"))
