"""Horizontal bars for categories (product lines, segments, personas, teams): the whole label of every category,
the value at the end of its bar, the target as a tick across it, the largest shortfall to target first.

Drawn in HTML rather than SVG, as Datawrapper draws its bar charts: a label wraps instead of being cut and the text
keeps the page's size at any width, on a phone too. Widths are percentages of the axis, so nothing is measured.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from onstrategy_site.charts.axes import Axis, esc, tick_text, value_axis
from onstrategy_site.charts.marks import empty_figure, legend
from onstrategy_site.charts.palette import REFERENCE, THIS
from onstrategy_site.formatting import is_missing


@dataclass
class Bar:
    label: str
    value: float | None
    target: float | None = None
    link: str | None = None  # relative URL of the category's page
    color: int = THIS  # index of the os-sN colour class: a product line's own (pages.common.line_colors)


def _value(b: Bar) -> float:
    return 0.0 if is_missing(b.value) else float(b.value)  # type: ignore[arg-type]


def gap_order(bars: Sequence[Bar]) -> list[Bar]:
    """The largest shortfall to target first (the most negative value - target); bars without a target after
    those with one, the largest first; ties by label, so the order never depends on the input's."""
    def key(b: Bar) -> tuple[int, float, str]:
        if b.target is not None:
            return 0, _value(b) - float(b.target), b.label
        return 1, -_value(b), b.label
    return sorted(bars, key=key)


def _pct(v: float, axis: Axis) -> str:
    return f"{100 * min(max(v, 0.0), axis.top) / axis.top:.2f}%"


def _row(b: Bar, axis: Axis, fmt: Callable[[float], str], value_name: str, target_name: str,
         gap_fmt: Callable[[float], str] | None) -> str:
    value_text = "–" if is_missing(b.value) else fmt(_value(b))
    lines = [f"{value_name}: {value_text}"]
    target_html = vs_html = ""
    if b.target is not None:
        lines.append(f"{target_name}: {fmt(float(b.target))}")
        if gap_fmt is not None and not is_missing(b.value):
            lines.append(f"Gap to target: {gap_fmt(_value(b) - float(b.target))}")
        target_html = f'<span class="os-hbar__target" style="left:{_pct(float(b.target), axis)}"></span>'
        vs_html = f'<span class="os-hbar__vs">target {esc(fmt(float(b.target)))}</span>'
    tip = "\n".join((b.label, *lines))
    label = f'<a href="{esc(b.link)}">{esc(b.label)}</a>' if b.link else esc(b.label)
    return (f'<div class="os-hbar__label">{label}</div>'
            f'<div class="os-hbar__track os-s{b.color}" tabindex="0" role="img" '
            f'aria-label="{esc(", ".join((b.label, *lines)))}" data-tip="{esc(tip)}">'
            f'<span class="os-hbar__bar" style="width:{_pct(_value(b), axis)}"></span>{target_html}</div>'
            f'<div class="os-hbar__value">{esc(value_text)}{vs_html}</div>')


def _axis_row(axis: Axis, fmt: Callable[[float], str]) -> str:
    ticks = "".join(f'<span style="left:{_pct(v, axis)}">{esc(tick_text(fmt, v))}</span>' for v in axis.ticks)
    return (f'<div class="os-hbar__label os-hbar__axis-gap"></div><div class="os-hbar__axis" aria-hidden="true">'
            f'{ticks}</div><div></div>')


def hbar_chart(title: str, bars: Sequence[Bar], fmt: Callable[[float], str], value_name: str,
               target_name: str = "Target", xmax: float | None = None, note: str = "",
               gap_fmt: Callable[[float], str] | None = None) -> Markup:
    """One bar per category in gap order (`gap_order`); `xmax` fixes the axis (1.0 for shares: 0-100%)."""
    if not bars:
        return empty_figure(title)
    ordered = gap_order(bars)
    vmax = max(max(_value(b), float(b.target or 0)) for b in ordered)
    axis = value_axis(vmax, xmax)
    rows = "".join(_row(b, axis, fmt, value_name, target_name, gap_fmt) for b in ordered)
    colors = sorted({b.color for b in ordered})
    key = f"os-s{colors[0]}" if len(colors) == 1 else "os-legend__key--hues"
    items = [(value_name, key)]
    if any(b.target is not None for b in ordered):
        items.append((target_name, f"os-s{REFERENCE} os-legend__key--tick"))
        note = " ".join(("Sorted by the gap to target, the largest shortfall first.", note)).strip()
    note_html = f'<p class="os-chart__note">{esc(note)}</p>' if note else ""
    step = f"{100 * axis.step / axis.top:.4f}%"
    return Markup(f'<figure class="os-chart os-hchart" role="group" aria-label="{esc(title)}">'
                  f'<div class="os-chart__title">{esc(title)}</div>'
                  f'<div class="os-hbars" style="--os-step:{step}">{rows}{_axis_row(axis, fmt)}</div>'
                  f'{legend(items)}{note_html}</figure>')
