"""Table and tile models handed to the templates (rendering lives in templates/_ui.j2)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from onstrategy_site.metrics import metric


@dataclass
class Column:
    key: str
    label: str = ""
    kind: str = "text"  # text | money | share | pp | score100 | score1 | count | flags | bool | date | prob | number
    metric: str | None = None  # metric name: header links to its definition
    link: str | None = None  # row key holding the cell's relative URL
    muted: bool = False

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


def render_table(t: Table, root: str, fmt: Any, defs: dict[str, Any]) -> Markup:
    """The HTML of a sortable, filterable table with a CSV button. Plain Python rather than a Jinja macro, since it
    renders every cell of the site's tables; every value is escaped as markupsafe.escape does (`escape_text`)."""
    e = escape_text
    n = len(t.rows)
    out = [f'<div class="os-table-wrap" data-csv-name="{e(t.csv_name)}.csv"><div class="os-table-tools">']
    if t.search and n > 8:
        out.append(f'<input class="os-table-search" type="search" placeholder="Filter {n} rows…" '
                   f'aria-label="Filter table rows">')
    out.append(f'<span class="os-table-count os-muted">{n} row{"" if n == 1 else "s"}</span>')
    if n:
        out.append('<button class="os-csv md-button" type="button" title="Download this table as CSV">'
                   'Download CSV</button>')
    out.append("</div>")
    if not n:
        out.append(f'<p class="os-empty">{e(t.empty)}</p></div>')
        return Markup("".join(out))
    out.append(f'<div class="os-scroll"><table class="os-table" id="{e(t.id)}">')
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
        out.append(f'<tr class="{e(cls)}">' if cls else "<tr>")
        for c in t.columns:
            v = row.get(c.key)
            text = e(fmt.value(v, c.kind))
            href = row.get(c.link) if c.link else None
            if href:
                text = f'<a href="{root}{e(href)}">{text}</a>'
            if c.numeric:
                # 12 significant digits: a sort key, and the same page whatever order the sums were added in
                raw = "" if v is None or v != v else e(format(float(v), ".12g"))
                out.append(f'<td class="os-num" data-v="{raw}">{text}</td>')
            else:
                out.append(f"<td>{text}</td>")
        out.append("</tr>")
    out.append("</tbody></table></div></div>")
    return Markup("".join(out))
