"""What every chart shares: the tooltip of a mark, the legend, the figure around the chart.

A mark's tooltip is written twice: `data-tip` for the HTML tooltip layer (assets/charts.js: hover, tap, keyboard
focus; lines separated by a newline, the first one shown bold) and an SVG `<title>`, the native tooltip and the
accessible name without JavaScript.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from onstrategy_site.charts.axes import H, W, esc


@dataclass
class Series:
    name: str
    values: Sequence[float | None]
    dashed: bool = False
    color: int | None = None  # index of the os-sN colour class (charts.palette)
    links: Sequence[str | None] = field(default_factory=list)


def tip_attrs(head: str, *lines: str) -> str:
    """The attributes of a mark that shows a tooltip: focusable, with its text (`head` first, bold)."""
    text = "\n".join((head, *lines))
    return f' tabindex="0" data-tip="{esc(text)}"'


def svg_title(head: str, *lines: str) -> str:
    return f"<title>{esc(' · '.join((head, *lines)))}</title>"


def legend(items: Sequence[tuple[str, str]]) -> str:
    """A legend of (name, key classes) items."""
    spans = [f'<span class="os-legend__item"><span class="os-legend__key {esc(key)}"></span>{esc(name)}</span>'
             for name, key in items]
    return f'<figcaption class="os-legend">{"".join(spans)}</figcaption>'


def series_legend(series: Sequence[Series], colors: Sequence[int]) -> str:
    return legend([(s.name, f"os-s{c}" + (" os-legend__key--dashed" if s.dashed else ""))
                   for s, c in zip(series, colors, strict=True)])


def empty_figure(title: str) -> Markup:
    return Markup(f'<figure class="os-chart os-chart--empty"><div class="os-chart__title">{esc(title)}</div>'
                  f'<p class="os-muted">No data for this chart.</p></figure>')


def svg_figure(title: str, body: Sequence[str], legend_html: str, note: str = "") -> Markup:
    """An SVG chart: a group named by its title (its marks are focusable and carry their own names)."""
    svg = (f'<svg class="os-svg" viewBox="0 0 {W} {H}" role="group" aria-label="{esc(title)}" '
           f'preserveAspectRatio="xMidYMid meet">{"".join(body)}</svg>')
    note_html = f'<p class="os-chart__note">{esc(note)}</p>' if note else ""
    return Markup(f'<figure class="os-chart"><div class="os-chart__title">{esc(title)}</div>{svg}'
                  f'{legend_html}{note_html}</figure>')
