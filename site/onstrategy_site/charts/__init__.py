"""Server-rendered charts: lines, vertical bars and a scatter in inline SVG for quarters and numbers, horizontal
bars in HTML for categories (`hbars`). They work offline and print; all text is HTML-escaped.

Every chart is a `<figure class="os-chart">`: a title, axes at round ticks (`axes`), a legend, and on every data mark
a tooltip (`marks`: `data-tip` for the HTML tooltip layer of assets/charts.js, an SVG `<title>` without JavaScript).
Colours are CSS classes (`os-s0`..`os-s15`, `palette`), so the light and dark palettes and print styles apply.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from onstrategy_site.charts.axes import (
    PAD_B,
    PAD_L,
    PAD_R,
    PAD_T,
    PLOT_H,
    PLOT_W,
    Axis,
    H,
    W,
    esc,
    frame,
    text_width,
    tick_text,
    value_axis,
    xlabels,
    y_of,
)
from onstrategy_site.charts.axes import markers as version_marks
from onstrategy_site.charts.hbars import Bar, gap_order, hbar_chart
from onstrategy_site.charts.marks import Series, empty_figure, series_legend, svg_figure, svg_title, tip_attrs
from onstrategy_site.charts.palette import REFERENCE, THIS, shade
from onstrategy_site.formatting import is_missing

BAR_LABEL_CHAR_W, BAR_LABEL_MIN_H = 8.9, 17  # a bar label's character width and height on a phone (15 px text)

__all__ = ["Bar", "Point", "Series", "bar_chart", "gap_order", "hbar_chart", "line_chart", "mix_bar",
           "scatter_chart", "share_label"]


def share_label(v: float) -> str:
    """A share as a bar's label: whole percents, so that it fits inside a bar ("38%")."""
    return f"{v * 100:.0f}%"


def _present(values: Sequence[float | None]) -> list[float]:
    return [float(v) for v in values if not is_missing(v)]  # type: ignore[arg-type]


def _colors(series: Sequence[Series]) -> list[int]:
    """The series' own colours; a series without one gets the page's colour, then indigo shades."""
    return [s.color if s.color is not None else (THIS if i == 0 else shade(i)) for i, s in enumerate(series)]


def _is_integer(values: Sequence[float]) -> bool:
    return bool(values) and all(float(v).is_integer() for v in values)


def _others(series: Sequence[Series], i: int, skip: int, fmt: Callable[[float], str]) -> list[str]:
    """The other series' values at category `i`, for a mark's tooltip."""
    return [f"{s.name}: {fmt(float(s.values[i]))}" for k, s in enumerate(series)  # type: ignore[arg-type]
            if k != skip and i < len(s.values) and not is_missing(s.values[i])]


def line_chart(title: str, categories: Sequence[str], series: Sequence[Series], fmt: Callable[[float], str],
               ymax: float | None = None, note: str = "", markers: Sequence[tuple[int, str]] = ()) -> Markup:
    """Lines over the categories (quarters); a dashed series (target, company) is drawn without dots. `ymax` fixes
    the axis (1.0 for shares: 0-100%); `markers` mark where a strategy version starts."""
    vals = [v for s in series for v in _present(s.values)]
    axis = value_axis(max(vals, default=0.0), ymax, _is_integer(vals))
    n = len(categories)
    xs = [PAD_L + (PLOT_W * (i + 0.5) / n) for i in range(n)]
    body = frame(axis, fmt) + xlabels(categories, xs) + version_marks(markers, xs)
    colors = _colors(series)
    dots, count = [], 0
    for k, (s, c) in enumerate(zip(series, colors, strict=True)):
        segs: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(s.values):
            if is_missing(v):
                segs.append([])
                continue
            x, y = xs[i], y_of(float(v), axis)  # type: ignore[arg-type]
            segs[-1].append((x, y))
            count += 1
            if not s.dashed:
                lines = (f"{s.name}: {fmt(float(v))}", *_others(series, i, k, fmt))  # type: ignore[arg-type]
                dots.append(f'<circle class="os-dot os-s{c}" cx="{x:.1f}" cy="{y:.1f}" r="3.5"'
                            f'{tip_attrs(categories[i], *lines)}>{svg_title(categories[i], *lines)}</circle>')
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        for seg in segs:
            if len(seg) > 1:
                d = " ".join(f"{x:.1f},{y:.1f}" for x, y in seg)
                body.append(f'<polyline class="os-line os-s{c}" points="{d}" fill="none"{dash}/>')
    if count == 0:
        return empty_figure(title)
    return svg_figure(title, body + dots, series_legend(series, colors), note)


def _bar_label(text: str, x: float, w: float, y: float, h: float, c: int, stacked: bool) -> str:
    """A value label where it fits at a phone's text size: inside a stacked part, above a grouped bar."""
    if text_width(text, BAR_LABEL_CHAR_W) + 2 > w + (0 if stacked else 6):
        return ""
    if stacked:
        if h < BAR_LABEL_MIN_H:
            return ""
        return (f'<text class="os-barlabel os-s{c}" x="{x + w / 2:.1f}" y="{y + h / 2 + 4:.1f}" '
                f'text-anchor="middle">{esc(text)}</text>')
    return (f'<text class="os-barlabel os-barlabel--out" x="{x + w / 2:.1f}" y="{max(y - 4, PAD_T + 9):.1f}" '
            f'text-anchor="middle">{esc(text)}</text>')


def bar_chart(title: str, categories: Sequence[str], series: Sequence[Series], fmt: Callable[[float], str],
              stacked: bool = False, ymax: float | None = None, note: str = "",
              links: Sequence[str | None] | None = None, label_fmt: Callable[[float], str] | None = None) -> Markup:
    """Grouped (default) or stacked vertical bars over the categories (quarters, or two or three short classes;
    categories to compare take `hbar_chart`), each labelled with its value (`label_fmt`, else `fmt`) where it fits;
    `links` makes each category label a link (relative URL)."""
    n = len(categories)
    if stacked:
        vmax = max((sum(_present([s.values[i] for s in series])) for i in range(n)), default=0.0)
    else:
        vmax = max((v for s in series for v in _present(s.values)), default=0.0)
    vals = [v for s in series for v in _present(s.values)]
    axis = value_axis(vmax, ymax, _is_integer(vals))
    band = PLOT_W / n if n else PLOT_W
    xs = [PAD_L + band * (i + 0.5) for i in range(n)]
    body, labels = frame(axis, fmt), []
    colors = _colors(series)
    inner = band * 0.72
    for i in range(n):
        x0, base = PAD_L + band * i + (band - inner) / 2, 0.0
        for k, (s, c) in enumerate(zip(series, colors, strict=True)):
            v = s.values[i]
            if is_missing(v):
                continue
            fv = float(v)  # type: ignore[arg-type]
            h = PLOT_H * fv / axis.top
            if stacked:
                x, w, y = x0, inner, y_of(base, axis) - h
                base += fv
            else:
                w = inner / len(series)
                x, y = x0 + k * w, y_of(0, axis) - h
            lines = (f"{s.name}: {fmt(fv)}", *_others(series, i, k, fmt))
            cls = f"os-bar os-s{c}" + (" os-bar--target" if s.dashed else "")
            body.append(f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{max(w - 1, 1):.1f}" '
                        f'height="{max(h, 0):.1f}"{tip_attrs(categories[i], *lines)}>'
                        f'{svg_title(categories[i], *lines)}</rect>')
            labels.append(_bar_label((label_fmt or fmt)(fv), x, w - 1, y, h, c, stacked))
    if not vals:
        return empty_figure(title)
    body += [lab for lab in labels if lab] + xlabels(categories, xs, links or ())
    return svg_figure(title, body, series_legend(series, colors), note)


@dataclass
class Point:
    label: str
    x: float
    y: float
    link: str | None = None
    highlight: bool = False  # drawn larger, with its label (the pair the page compares)


def _x_ticks(axis: Axis, fmt: Callable[[float], str]) -> list[str]:
    return [f'<text class="os-xtick" x="{PAD_L + PLOT_W * v / axis.top:.1f}" y="{H - PAD_B + 16}" '
            f'text-anchor="middle">{esc(tick_text(fmt, v))}</text>' for v in axis.ticks]


def scatter_chart(title: str, points: Sequence[Point], x_fmt: Callable[[float], str],
                  y_fmt: Callable[[float], str], x_split: float, y_split: float,
                  quadrants: tuple[str, str, str, str], ymax: float = 1.0, note: str = "",
                  x_title: str = "", y_title: str = "") -> Markup:
    """One dot per point (a link when it has one), a dashed line at `x_split` and at `y_split`, and the four
    quadrants named (top left, top right, bottom left, bottom right)."""
    if not points:
        return empty_figure(title)
    x_axis = value_axis(max(p.x for p in points))
    y_axis = value_axis(max(p.y for p in points), ymax)

    def sx(v: float) -> float:
        return PAD_L + PLOT_W * max(v, 0.0) / x_axis.top

    body = frame(y_axis, y_fmt) + _x_ticks(x_axis, x_fmt)
    body.append(f'<line class="os-axis" x1="{sx(x_split):.1f}" x2="{sx(x_split):.1f}" y1="{PAD_T}" '
                f'y2="{H - PAD_B}" stroke-dasharray="4 4"/>')
    body.append(f'<line class="os-axis" x1="{PAD_L}" x2="{W - PAD_R}" y1="{y_of(y_split, y_axis):.1f}" '
                f'y2="{y_of(y_split, y_axis):.1f}" stroke-dasharray="4 4"/>')
    # the lower labels sit just under the horizontal line, clear of the sellers at 0% on the axis
    below = min(y_of(y_split, y_axis) + 14, H - PAD_B - 18)
    corners = ((PAD_L + 4, PAD_T + 12, "start"), (W - PAD_R - 4, PAD_T + 12, "end"),
               (PAD_L + 4, below, "start"), (W - PAD_R - 4, below, "end"))
    for (x, y, anchor), text in zip(corners, quadrants, strict=True):
        body.append(f'<text class="os-xtick os-quadrant" x="{x}" y="{y}" text-anchor="{anchor}">{esc(text)}</text>')
    body.append(f'<text class="os-xtick" x="{(PAD_L + W - PAD_R) / 2:.1f}" y="{H - 8}" text-anchor="middle">'
                f'{esc(x_title)}</text>')
    for p in sorted(points, key=lambda p: p.highlight):  # the highlighted pair on top
        lines = (f"{x_title}: {x_fmt(p.x)}" if x_title else x_fmt(p.x),
                 f"{y_title}: {y_fmt(p.y)}" if y_title else y_fmt(p.y))
        r, extra = (6, ' stroke="currentColor" stroke-width="2"') if p.highlight else (4, "")
        c = REFERENCE if p.highlight else THIS
        if p.link:
            dot = (f'<circle class="os-dot os-s{c} os-scatter-dot" cx="{sx(p.x):.1f}" cy="{y_of(p.y, y_axis):.1f}" '
                   f'r="{r}"{extra}>{svg_title(p.label, *lines)}</circle>')
            body.append(f'<a href="{esc(p.link)}"{tip_attrs(p.label, *lines)}>{dot}</a>')
        else:
            body.append(f'<circle class="os-dot os-s{c} os-scatter-dot" cx="{sx(p.x):.1f}" '
                        f'cy="{y_of(p.y, y_axis):.1f}" r="{r}"{extra}{tip_attrs(p.label, *lines)}>'
                        f'{svg_title(p.label, *lines)}</circle>')
        if p.highlight:
            anchor = "end" if sx(p.x) > W / 2 else "start"
            dx = -9 if anchor == "end" else 9
            body.append(f'<text class="os-pointlabel" x="{sx(p.x) + dx:.1f}" y="{y_of(p.y, y_axis) + 4:.1f}" '
                        f'text-anchor="{anchor}">{esc(p.label)}</text>')
    return svg_figure(title, body, series_legend([Series("One dot per seller", [])], [THIS]), note)


def mix_bar(shares: Sequence[tuple[str, float | None, int]], fmt: Callable[[float], str]) -> Markup:
    """A one-line stacked bar of shares (name, share, colour index): a rep's product mix beside its name."""
    width, height, x = 160.0, 12, 0.0
    rects = []
    for name, share, color in shares:
        if is_missing(share) or not share:
            continue
        w = width * float(share)
        text = f"{name}: {fmt(float(share))}"
        rects.append(f'<rect class="os-s{color}" x="{x:.1f}" y="0" width="{max(w - 0.5, 0.5):.1f}" '
                     f'height="{height}"{tip_attrs(text)}>{svg_title(text)}</rect>')
        x += w
    label = ", ".join(f"{name} {fmt(float(share))}" for name, share, _ in shares if share)
    return Markup(f'<svg class="os-mixbar" viewBox="0 0 {width:.0f} {height}" width="{width:.0f}" '
                  f'height="{height}" role="group" aria-label="{esc(label)}">{"".join(rects)}</svg>')
