"""render_table: pages of 25 rows, the totals row, compact money in dense tables, in-cell bars and deltas, badges
for red flags, escaping of every value it writes."""

from __future__ import annotations

import math
import re

import pytest

from onstrategy.labels import label
from onstrategy_site.formatting import Formatter
from onstrategy_site.tables import DENSE_COLUMNS, Column, Table, column_total, render_table, row_totals

FMT = Formatter("USD")
EVIL = "<script>alert(1)</script>"


def _html(table: Table) -> str:
    return str(render_table(table, "../", FMT, {}))


def _rows(n: int) -> list[dict]:
    return [{"name": f"Rep {i:03d}", "amount": 1000.0 * (i + 1), "share": i / max(n, 1)} for i in range(n)]


def _table(rows: list[dict], **kw) -> Table:
    return Table("t", [Column("name", "Name"), Column("amount", "Amount", "money"), Column("share", "Share", "share")],
                 rows, "t", **kw)


@pytest.mark.parametrize("n", [24, 25, 26, 174])
def test_a_table_longer_than_a_page_has_a_hidden_pager_and_every_row(n):
    table = _table(_rows(n))
    html = _html(table)
    assert html.count("<tr>") == n + 1  # every row is in the page (a reader without the script sees them all)
    paged = n > table.page_size
    assert ('class="os-pager"' in html) is paged
    assert (f'data-page-size="{table.page_size}"' in html) is paged
    if paged:
        pager = re.search(r'<div class="os-pager"[^>]*>.*?</div>', html).group()
        assert " hidden>" in pager  # shown by the script, which pages the rows
        assert f'1–{table.page_size} of {n}' in pager
        assert f'aria-label="Previous {table.page_size} rows"' in pager
        assert f'aria-label="Next {table.page_size} rows"' in pager
        assert pager.count('type="button"') == 2 and pager.count('aria-controls="t"') == 2
    assert f"{n} rows" in html


def test_the_page_size_is_the_tables():
    html = _html(_table(_rows(12), page_size=10))
    assert "1–10 of 12" in html and 'data-page-size="10"' in html


def test_the_totals_row_is_a_footer_with_its_label_and_values():
    rows = _rows(30)
    total = column_total(rows, "amount")
    assert total == math.fsum(r["amount"] for r in rows)
    html = _html(_table(rows, totals={"amount": total}, totals_label="Total of the 30 listed"))
    body, foot = html.split("</tbody>")
    assert "<tfoot>" in foot and "<tfoot>" not in body  # sorting and filtering touch the body only
    footer = re.search(r"<tfoot>.*</tfoot>", foot).group()
    assert '<th scope="row">Total of the 30 listed</th>' in footer
    assert f'data-v="{format(total, ".12g")}"' in footer and FMT.money(total) in footer
    assert footer.count("<td></td>") == 1  # the share column has no total
    assert "<tfoot>" not in _html(_table(rows))


def test_column_total_skips_missing_values_and_is_none_without_any():
    rows = [{"a": 1.5}, {"a": None}, {"a": float("nan")}, {"a": 2}]
    assert column_total(rows, "a") == 3.5
    assert column_total([{"a": None}], "a") is None


def test_row_totals_take_the_marts_amounts_shares_and_scores_never_counts():
    cols = [Column("name", "Name"), Column("bookings_amount", "B", "money"), Column("accounts_won", "A", "count"),
            Column("on_strategy_share", "S", "share"), Column("adherence_score", "Ad", "score100"),
            Column("missing", "M", "money")]
    company = {"name": "x", "bookings_amount": 10.0, "accounts_won": 3, "on_strategy_share": 0.4,
               "adherence_score": 55.0}
    assert row_totals(company, cols) == {"bookings_amount": 10.0, "on_strategy_share": 0.4, "adherence_score": 55.0}


def _dense(rows: list[dict]) -> Table:
    extra = [Column(f"c{i}", f"C{i}") for i in range(DENSE_COLUMNS - 2)]
    return Table("d", [Column("name", "Name"), Column("amount", "Amount", "money"), *extra], rows, "d")


def test_dense_tables_write_money_compactly_with_the_exact_amount_kept():
    amount = 1234567.4
    html = _html(_dense([{"name": "a", "amount": amount}]))
    cell = re.search(r'<td class="os-num"[^>]*>[^<]*</td>', html).group()
    assert f">{FMT.money(amount, compact=True)}<" in cell
    assert f'title="{FMT.money(amount)}"' in cell  # the exact value on hover
    assert f'data-v="{format(amount, ".12g")}"' in cell  # and as the sort and CSV value
    assert "os-table-wrap--wide" in html
    narrow = _html(_table([{"name": "a", "amount": amount, "share": 0.1}]))
    assert FMT.money(amount) in narrow and not re.search(r"<td[^>]* title=", narrow)
    assert "os-table-wrap--wide" not in narrow


def test_a_small_amount_in_a_dense_table_needs_no_title():
    html = _html(_dense([{"name": "a", "amount": 987.0}]))
    assert ">$987<" in html and not re.search(r"<td[^>]* title=", html)


def test_a_column_can_ask_for_compact_or_exact_money():
    rows = [{"name": "a", "amount": 2_500_000.0}]
    compact = Table("t", [Column("name", "N"), Column("amount", "A", "money", compact=True)], rows, "t")
    assert ">$2.50M<" in _html(compact)
    exact = _dense(rows)
    exact.columns[1].compact = False
    assert ">$2,500,000<" in _html(exact)


@pytest.mark.parametrize("share, width", [(0.42, "0.420"), (0.0, "0.000"), (1.3, "1.000"), (-0.2, "0.000")])
def test_share_cells_carry_a_bar_width_between_zero_and_one(share, width):
    html = _html(_table([{"name": "a", "amount": 1.0, "share": share}]))
    cell = re.search(r'<td class="os-num os-bar"[^>]*>([^<]*)</td>', html)
    assert cell and f'style="--v:{width}"' in cell.group()
    assert cell.group(1) == FMT.pct(share)  # the text a reader (or a screen reader) gets is unchanged


def test_no_bar_without_a_value_or_when_the_column_says_so():
    assert "os-bar" not in _html(_table([{"name": "a", "amount": 1.0, "share": None}]))
    table = _table([{"name": "a", "amount": 1.0, "share": 0.5}])
    table.columns[2].bar = False
    assert "os-bar" not in _html(table) and "--v" not in _html(table)


@pytest.mark.parametrize("change, text, way", [(4.06, "+4.1", "good"), (-2.3, "−2.3", "bad"), (0.01, "+0.0", "flat")])
def test_a_delta_column_is_signed_and_coloured_by_the_metrics_direction(change, text, way):
    table = Table("t", [Column("name", "N"),
                        Column("d", "Δ adherence", "score100", metric="adherence_score", delta=True)],
                  [{"name": "a", "d": change}], "t")
    assert f'<span class="os-delta os-delta--{way}">{text}</span>' in _html(table)


def test_a_delta_column_without_a_change_shows_a_dash():
    table = Table("t", [Column("name", "N"), Column("d", "Δ", "score100", metric="adherence_score", delta=True)],
                  [{"name": "a", "d": None}], "t")
    html = _html(table)
    assert "os-delta" not in html and '<td class="os-num" data-v="">–</td>' in html


def test_red_flags_are_badges_in_words_with_the_words_as_csv_value():
    codes = "on_strategy_share_below,icp_customer_share_below"
    table = Table("t", [Column("name", "N"), Column("red_flags", "Red flags", "flags")],
                  [{"name": "a", "red_flags": codes}, {"name": "b", "red_flags": None}], "t")
    html = _html(table)
    words = [label(c) for c in codes.split(",")]
    assert f'data-v="{", ".join(words)}"' in html
    assert all(f'<span class="os-flag">{w}</span>' in html for w in words)
    assert "_below" not in html and "<td>–</td>" in html


def test_every_value_the_table_writes_is_escaped():
    rows = [{"name": EVIL, "href": 'x"><script>', "amount": 5e6, "flags": f"{EVIL},a_b"}]
    cols = [Column("name", EVIL, link="href"), Column("amount", "A", "money", compact=True),
            Column("flags", "F", "flags")]
    html = _html(Table(f'id"{EVIL}', cols, rows, f'csv"{EVIL}', caption=EVIL,
                       totals={"amount": 5e6}, totals_label=EVIL, page_size=0))
    assert "<script>" not in html
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for where in (f'id="id&#34;{escaped}"', f'data-csv-name="csv&#34;{escaped}.csv"', f"<caption>{escaped}</caption>",
                  f'class="os-sort">{escaped}</button>', f">{escaped}</a>", f'<span class="os-flag">{escaped}</span>',
                  f'<th scope="row">{escaped}</th>', 'href="../x&#34;&gt;&lt;script&gt;"'):
        assert where in html, where


def test_an_empty_table_is_its_sentence_alone():
    html = _html(_table([], empty="No open opportunities."))
    assert '<p class="os-empty">No open opportunities.</p>' in html
    assert "<table" not in html and "os-table-tools" not in html and "0 rows" not in html
