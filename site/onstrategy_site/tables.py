"""Table and tile models handed to the templates (rendering lives in templates/_ui.j2)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from onstrategy.labels import label
from onstrategy_site.formatting import DASH, is_missing, to_float
from onstrategy_site.metrics import metric


@dataclass
class Column:
    key: str
    label: str = ""
    kind: str = "text"  # text | money | share | pp | score100 | score1 | count | flags | bool | date | prob | number
    metric: str | None = None  # metric name: header links to its definition
    link: str | None = None  # row key holding the cell's relative URL
    muted: bool = False
    compact: bool | None = None  # money as $1.2M, the exact amount in its title (None: when the table is dense)
    delta: bool = False  # a change of `metric`: signed, coloured by whether the change is good for the metric
    bar: bool | None = None  # an in-cell bar under a share (None: for every share column)
    wrap: bool = False  # a text column whose long values wrap (a coaching topic) instead of widening the table

    @property
    def numeric(self) -> bool:
        return self.kind not in ("text", "flags", "code", "bool", "date")


def mcol(name: str, key: str | None = None, label: str | None = None, **kw: Any) -> Column:
    """A column showing a metric (label and format from the metric set)."""
    m = metric(name)
    return Column(key or name, label or m.label, kw.pop("kind", m.kind), metric=name, **kw)


@dataclass
class Table:
    id: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    csv_name: str
    caption: str = ""
    search: bool = True
    empty: str = "No rows."
    sort_key: str | None = None  # initial sort (already applied by the query)
    row_class: str | None = None  # row key holding an extra CSS class
    totals: dict[str, Any] | None = None  # the footer row by column key: a mart's total or a listed partition's sum
    totals_label: str = "Total"
    totals_of_rows: bool = False  # the totals sum the rows: the script hides them while a filter drops a row
    page_size: int = 25  # rows per page once the script runs (every row without it, and in the CSV)
    facets: list[str] = field(default_factory=list)  # row keys a facet bar of the page narrows on (render_facets)


@dataclass
class Tile:
    name: str  # metric name
    value: Any
    delta: Any = None
    rel: Any = None
    label: str | None = None
    kind: str | None = None
    target: Any = None
    target_kind: str | None = None
    note: str = ""
    extras: list[str] = field(default_factory=list)
    compare: bool = True  # False: a value with no previous quarter to compare with (not "no value")
    spark: Any = None  # the sparkline of the last quarters (charts.spark), None without history
    versus: str | None = None  # the quarter the delta compares with (default: the one before the as-of quarter)


@dataclass
class CreditTile:
    """A seller's strategy credit for a period (fct_strategy_credit_by_rep): credit against bookings, the ranks by
    each, and attainment against quota when there is one; shown as a double-width tile among the metric tiles."""

    row: dict[str, Any]  # the seller's row of queries/credit_by_rep.sql
    reps_ranked: int  # sellers ranked in the period
    note: str = ""  # what the credit rules of the period are, or that there are none


# the characters markupsafe.escape replaces
HTML_SPECIAL = re.compile("[&<>\"']")


def escape_text(value: object) -> str:
    """`str(markupsafe.escape(str(value)))`, without building a Markup for the (nearly every) cell text that holds
    nothing to escape, such as a number or a formatted amount: every cell of every table passes through here."""
    if isinstance(value, int | float):  # digits, sign, point, exponent, inf, nan: nothing to escape
        return str(value)
    if hasattr(value, "__html__"):  # safe HTML (Markup): as markupsafe has it
        return str(escape(value))
    text = str(value)
    return str(escape(text)) if HTML_SPECIAL.search(text) else text


DENSE_COLUMNS = 8  # a table of this many columns writes money compactly and may take a wide screen's full width


def column_total(rows: list[dict[str, Any]], key: str) -> float | None:
    """The sum of an amount or count column over the listed rows, for the footer of a table whose rows partition
    that total (never a share: shares do not add up); None when no row has a value."""
    values = [x for r in rows if (x := to_float(r.get(key))) is not None]
    return math.fsum(values) if values else None


TOTAL_KINDS = ("money", "share", "pp", "score100", "score1")  # what a company row can stand under in a footer


def row_totals(total_row: dict[str, Any], columns: list[Column]) -> dict[str, Any]:
    """The footer of a table of groups from the mart row that holds their total (the company's quarter): its
    amounts, shares and scores, each the mart's own value; not its counts (accounts or reps counted once for
    the company are counted in several groups)."""
    return {c.key: total_row[c.key] for c in columns[1:] if c.kind in TOTAL_KINDS and c.key in total_row}


def _bar_style(c: Column, v: object) -> str:
    """The in-cell bar of a share, its width as a CSS variable between 0 and 1 (CSS draws it)."""
    x = to_float(v)
    if c.kind != "share" or c.bar is False or x is None:
        return ""
    return f' style="--v:{min(max(x, 0.0), 1.0):.3f}"'


def _cell(c: Column, row: dict[str, Any], root: str, fmt: Any, dense: bool) -> str:
    """One `<td>`: the formatted value (escaped), its link, and for a number the raw value as sort and CSV key."""
    e = escape_text
    v = row.get(c.key)
    title = ""
    if c.kind == "flags":
        return _flags_cell(v)
    if c.delta and c.metric:
        text = e(fmt.delta(v, c.metric) or DASH)
        if not is_missing(v):
            # a change that rounds to zero is shown flat, whatever its sign
            way = fmt.direction(v, c.metric) if any(ch in "123456789" for ch in text) else "flat"
            text = f'<span class="os-delta os-delta--{way}">{text}</span>'
    else:
        compact = c.kind == "money" and (dense if c.compact is None else c.compact)
        text = e(fmt.value(v, c.kind, compact))
        if compact and (full := e(fmt.value(v, c.kind))) != text:
            title = f' title="{full}"'
    href = row.get(c.link) if c.link else None
    if href:
        text = f'<a href="{root}{e(href)}">{text}</a>'
    if not c.numeric:
        return f'<td class="os-wrap">{text}</td>' if c.wrap else f"<td>{text}</td>"
    # 12 significant digits: a sort key, and the same page whatever order the sums were added in
    x = to_float(v)
    raw = "" if x is None else e(format(x, ".12g"))
    style = _bar_style(c, v)
    cls = "os-num os-bar" if style else "os-num"
    return f'<td class="{cls}" data-v="{raw}"{title}{style}>{text}</td>'


def _flags_cell(v: object) -> str:
    """Red flags or reasons as one badge each, in words; the words comma-separated as the CSV value."""
    codes = [] if is_missing(v) else [code.strip() for code in str(v).split(",") if code.strip()]
    if not codes:
        return f"<td>{DASH}</td>"
    words = [escape_text(label(code)) for code in codes]
    badges = " ".join(f'<span class="os-flag">{w}</span>' for w in words)
    return f'<td class="os-flags" data-v="{", ".join(words)}">{badges}</td>'


def _footer(t: Table, root: str, fmt: Any, dense: bool) -> str:
    """The totals row: its label in the first column, the given totals under their columns, the rest blank."""
    totals = t.totals or {}
    cells = [f'<th scope="row">{escape_text(t.totals_label)}</th>']
    for c in t.columns[1:]:
        cells.append(_cell(c, totals, root, fmt, dense) if c.key in totals else "<td></td>")
    of_rows = " data-of-rows" if t.totals_of_rows else ""
    return f'<tfoot{of_rows}><tr class="os-total">{"".join(cells)}</tr></tfoot>'


def _pager(t: Table, n: int) -> str:
    """Previous / next buttons and the "1–25 of 174" count; hidden until the script pages the rows."""
    size, table_id = t.page_size, escape_text(t.id)
    return (f'<div class="os-pager" role="group" aria-label="Pages of the table" hidden>'
            f'<button type="button" class="os-pager__prev" aria-controls="{table_id}" '
            f'aria-label="Previous {size} rows">‹ Previous</button>'
            f'<span class="os-pager__count" aria-live="polite">1–{size} of {n}</span>'
            f'<button type="button" class="os-pager__next" aria-controls="{table_id}" '
            f'aria-label="Next {size} rows">Next ›</button></div>')


def render_table(t: Table, root: str, fmt: Any, defs: dict[str, Any]) -> Markup:
    """The HTML of a sortable, filterable, paged table with a CSV button. Plain Python rather than a Jinja macro,
    since it renders every cell of the site's tables; every value is escaped as markupsafe.escape does
    (`escape_text`). Every row is in the HTML: the script pages them, a reader without it sees them all."""
    e = escape_text
    n = len(t.rows)
    dense = len(t.columns) >= DENSE_COLUMNS
    paged = n > t.page_size
    classes = "os-table-wrap os-table-wrap--wide" if dense else "os-table-wrap"
    pages = f' data-page-size="{t.page_size}"' if paged else ""
    out = [f'<div class="{classes}" data-csv-name="{e(t.csv_name)}.csv"{pages}>']
    if not n:  # no count, filter or CSV of nothing: the sentence says it
        out.append(f'<p class="os-empty">{e(t.empty)}</p></div>')
        return Markup("".join(out))
    out.append('<div class="os-table-tools">')
    if t.search and n > 8:
        out.append(f'<input class="os-table-search" type="search" placeholder="Filter {n} rows…" '
                   f'aria-label="Filter table rows">')
    out.append(f'<span class="os-table-count os-muted">{n} row{"" if n == 1 else "s"}</span>')
    out.append('<button class="os-csv md-button" type="button" title="Download this table as CSV">'
               'Download CSV</button></div>')
    facets = [_facet_key(k) for k in t.facets]
    on = f' data-facets="{" ".join(facets)}"' if facets else ""
    out.append(f'<div class="os-scroll-box"><div class="os-scroll"><table class="os-table" id="{e(t.id)}"{on}>')
    if t.caption:
        out.append(f"<caption>{e(t.caption)}</caption>")
    out.append("<thead><tr>")
    for c in t.columns:
        sort = ' aria-sort="descending"' if t.sort_key == c.key else ""
        label = e(c.label)
        if c.metric and c.metric in defs:
            label = str(Markup('<span title="{}">{}</span>').format(defs[c.metric].plain, c.label))
        out.append(f'<th scope="col" data-type="{"num" if c.numeric else "text"}" data-key="{e(c.key)}"{sort}'
                   f' class="{"os-num" if c.numeric else ""}"><button type="button" class="os-sort">{label}'
                   f"</button></th>")
    out.append("</tr></thead><tbody>")
    root = e(root)
    for row in t.rows:
        cls = row.get(t.row_class) if t.row_class else None
        attrs = f' class="{e(cls)}"' if cls else ""
        attrs += "".join(f' data-f-{k}="{e(_facet_value(row.get(k)))}"' for k in facets)
        out.append(f"<tr{attrs}>")
        out.extend(_cell(c, row, root, fmt, dense) for c in t.columns)
        out.append("</tr>")
    out.append("</tbody>")
    if t.totals:
        out.append(_footer(t, root, fmt, dense))
    out.append("</table></div></div>")
    if paged:
        out.append(_pager(t, n))
    out.append("</div>")
    return Markup("".join(out))


# Facets: selects above a page's tables (render_facets) that narrow every table listing the facet (Table.facets) to
# the rows whose value it is; the script combines them with each table's own text filter.
FACET_KEY = re.compile(r"[a-z][a-z0-9_]*")


def _facet_key(key: str) -> str:
    """A row key as the name of its data attribute (`data-f-<key>`): lower-case letters, digits, underscores."""
    if not FACET_KEY.fullmatch(key):
        raise ValueError(f"a facet key is lower-case letters, digits and underscores: {key!r}")
    return key


def _facet_value(v: object) -> str:
    return "" if is_missing(v) else str(v)


@dataclass
class FacetOption:
    value: str  # the rows' value (data-f-<key>)
    text: str  # the option's words
    within: list[str] = field(default_factory=list)  # the values of the facet it sits in (a rep's teams)
    status: str = ""  # the sentence the bar shows while it is chosen
    href: str | None = None  # a page to say more, site-root-relative, linked after the sentence
    link: str = ""  # the link's words


@dataclass
class Facet:
    key: str  # the row key (Table.facets)
    label: str  # the select's label: "Team"
    all_text: str  # the option of every row: "All teams"
    options: list[FacetOption]
    within: str | None = None  # the key of a facet whose choice narrows this one's options (a rep within a team)


def facet_options(rows: list[dict[str, Any]], key: str, text_key: str | None = None,
                  within: str | None = None) -> list[FacetOption]:
    """One option per value of `key` among the rows, sorted by its words (then value); `within`: the row key of the
    facet it sits in (the values it takes with this one, sorted)."""
    texts: dict[str, str] = {}
    outer: dict[str, set[str]] = {}
    for r in rows:
        v = _facet_value(r.get(key))
        if not v:
            continue
        texts.setdefault(v, (_facet_value(r.get(text_key)) if text_key else v) or v)  # no name: the value
        if within and (w := _facet_value(r.get(within))):
            outer.setdefault(v, set()).add(w)
    return [FacetOption(v, texts[v], sorted(outer.get(v, ())))
            for v in sorted(texts, key=lambda v: (texts[v].casefold(), texts[v], v))]


def render_facets(facets: list[Facet], scope: str, root: str, label: str = "Narrow the lists") -> Markup:
    """The facet bar (one a page: its selects' ids are `os-facet-<key>`): a labelled select per facet and the scope
    sentence, with a live status line for the choice
    (each option's own sentence and link, written here). Hidden until the script shows it: without it every row
    shows. Every value is escaped (`escape_text`)."""
    e = escape_text
    out = [f'<div class="os-facets" role="group" aria-label="{e(label)}" hidden><div class="os-facets__selects">']
    for f in facets:
        key = _facet_key(f.key)
        within = f' data-facet-within="{_facet_key(f.within)}"' if f.within else ""
        out.append(f'<span class="os-facet"><label for="os-facet-{key}">{e(f.label)}</label> '
                   f'<select id="os-facet-{key}" data-facet="{key}"{within}><option value="">{e(f.all_text)}</option>')
        for o in f.options:
            attrs = ""
            if o.within:
                attrs += f' data-within="{"&#10;".join(e(w) for w in o.within)}"'  # one value a line
            if o.status:
                attrs += f' data-status="{e(o.status)}"'
            if o.href:
                attrs += f' data-href="{e(root)}{e(o.href)}" data-link="{e(o.link)}"'
            out.append(f'<option value="{e(o.value)}"{attrs}>{e(o.text)}</option>')
        out.append("</select></span>")
    out.append(f'</div><p class="os-facets__scope os-muted">{e(scope)}</p>'
               f'<p class="os-facets__status" aria-live="polite"></p></div>')
    return Markup("".join(out))
