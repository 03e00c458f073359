"""Small inline-SVG charts (line, grouped bar, stacked bar): no JavaScript, work offline and print.

Every chart is a `<figure class="os-chart">` with an `<svg role="img">`, axes, value labels on the y axis, a
legend, and a `<title>` tooltip on every data mark. Colours come from CSS classes (`os-s0`..`os-s7`), so the light
and dark palettes and print styles apply. All text is HTML-escaped.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

from markupsafe import Markup

from onstrategy_site.formatting import is_missing

W, H = 520, 260
PAD_L, PAD_R, PAD_T, PAD_B = 50, 12, 12, 40


@dataclass
class Series:
    name: str
    values: Sequence[float | None]
    dashed: bool = False
    color: int | None = None  # index of the os-sN colour class
    links: Sequence[str | None] = field(default_factory=list)


def _e(s: object) -> str:
    return escape(str(s), quote=True)


def _nice_max(v: float) -> float:
    if v <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(v))
    for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * exp >= v * 1.0001:
            return m * exp
    return 10 * exp


def _frame(ymax: float, fmt: Callable[[float], str], ticks: int = 4) -> list[str]:
    out = []
    plot_h = H - PAD_T - PAD_B
    for i in range(ticks + 1):
        v = ymax * i / ticks
        y = PAD_T + plot_h - plot_h * i / ticks
        out.append(f'<line class="os-grid" x1="{PAD_L}" x2="{W - PAD_R}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="os-ytick" x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end">{_e(fmt(v))}</text>')
    out.append(f'<line class="os-axis" x1="{PAD_L}" x2="{W - PAD_R}" y1="{H - PAD_B}" y2="{H - PAD_B}"/>')
    return out


def _xlabels(categories: Sequence[str], xs: Sequence[float]) -> list[str]:
    out = []
    step = max(1, math.ceil(len(categories) / 6))  # at most ~6 labels
    for i, (c, x) in enumerate(zip(categories, xs, strict=True)):
        if (len(categories) - 1 - i) % step:  # aligned on the last (latest) category
            continue
        label = str(c)  # as the tables write it ("FY2027-Q3"): one label style on the whole site
        limit = max(6, int(W * step / max(len(categories), 1) / 7.5))
        if len(label) > limit:
            label = label[: limit - 1] + "…"
        out.append(f'<text class="os-xtick" x="{x:.1f}" y="{H - PAD_B + 16}" text-anchor="middle">{_e(label)}</text>')
    return out


def _legend(series: Sequence[Series], colors: Sequence[int]) -> str:
    items = []
    for s, c in zip(series, colors, strict=True):
        dash = " os-legend--dashed" if s.dashed else ""
        items.append(f'<span class="os-legend__item{dash}"><span class="os-legend__key os-s{c}"></span>'
                     f'{_e(s.name)}</span>')
    return f'<figcaption class="os-legend">{"".join(items)}</figcaption>'


def _figure(title: str, body: list[str], series: Sequence[Series], colors: Sequence[int], n_marks: int,
            note: str = "") -> Markup:
    if n_marks == 0:
        return Markup(f'<figure class="os-chart os-chart--empty"><div class="os-chart__title">{_e(title)}</div>'
                      f'<p class="os-muted">No data for this chart.</p></figure>')
    svg = (f'<svg class="os-svg" viewBox="0 0 {W} {H}" role="img" aria-label="{_e(title)}" '
           f'preserveAspectRatio="xMidYMid meet"><title>{_e(title)}</title>{"".join(body)}</svg>')
    note_html = f'<p class="os-chart__note">{_e(note)}</p>' if note else ""
    return Markup(f'<figure class="os-chart"><div class="os-chart__title">{_e(title)}</div>{svg}'
                  f'{_legend(series, colors)}{note_html}</figure>')


def _value(v: float | None) -> float:
    """A value the caller knows is present (it skipped the missing ones) as a float."""
    return float(v) if v is not None else math.nan


def _markers(markers: Sequence[tuple[int, str]], xs: Sequence[float]) -> list[str]:
    """A dashed vertical line before each marked category, labelled (where a strategy version starts)."""
    out = []
    for i, text in markers:
        if 0 < i < len(xs):
            x = (xs[i - 1] + xs[i]) / 2
            out.append(f'<line class="os-axis os-marker" x1="{x:.1f}" x2="{x:.1f}" y1="{PAD_T}" y2="{H - PAD_B}" '
                       f'stroke-dasharray="2 3"/>')
            out.append(f'<text class="os-xtick os-marker__label" x="{x + 3:.1f}" y="{PAD_T + 10}" '
                       f'text-anchor="start">{_e(text)}</text>')
    return out


def line_chart(title: str, categories: Sequence[str], series: Sequence[Series], fmt: Callable[[float], str],
               ymax: float | None = None, note: str = "", markers: Sequence[tuple[int, str]] = ()) -> Markup:
    vals = [_value(v) for s in series for v in s.values if not is_missing(v)]
    vmax = max(vals, default=0.0)
    # a fixed axis (shares: 0-100%) holds unless a value passes it; a share of exactly 100% does not
    top = ymax if ymax is not None and vmax <= ymax else _nice_max(vmax)
    plot_w, plot_h = W - PAD_L - PAD_R, H - PAD_T - PAD_B
    n = len(categories)
    xs = [PAD_L + (plot_w * (i + 0.5) / n) for i in range(n)] if n else []
    body = _frame(top, fmt) + _xlabels(categories, xs) + _markers(markers, xs)
    colors = [s.color if s.color is not None else i for i, s in enumerate(series)]
    marks = 0
    for s, c in zip(series, colors, strict=True):
        pts = []
        segs: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(s.values):
            if is_missing(v):
                segs.append([])
                continue
            x, y = xs[i], PAD_T + plot_h - plot_h * _value(v) / top
            segs[-1].append((x, y))
            pts.append((x, y, categories[i], v))
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        for seg in segs:
            if len(seg) > 1:
                d = " ".join(f"{x:.1f},{y:.1f}" for x, y in seg)
                body.append(f'<polyline class="os-line os-s{c}" points="{d}" fill="none"{dash}/>')
        if not s.dashed:
            for x, y, cat, v in pts:
                body.append(f'<circle class="os-dot os-s{c}" cx="{x:.1f}" cy="{y:.1f}" r="3.5">'
                            f'<title>{_e(cat)} · {_e(s.name)}: {_e(fmt(_value(v)))}</title></circle>')
                marks += 1
        else:
            marks += len(pts)
    return _figure(title, body, series, colors, marks, note)


def bar_chart(title: str, categories: Sequence[str], series: Sequence[Series], fmt: Callable[[float], str],
              stacked: bool = False, ymax: float | None = None, note: str = "",
              links: Sequence[str | None] | None = None) -> Markup:
    """Grouped (default) or stacked bars; `links` makes each category label a link (relative URL)."""
    n = len(categories)
    if stacked:
        totals = [sum(_value(s.values[i]) for s in series if not is_missing(s.values[i])) for i in range(n)]
        vmax: float = max(totals, default=0.0)
    else:
        vmax = max((_value(v) for s in series for v in s.values if not is_missing(v)), default=0.0)
    top = ymax if ymax is not None else _nice_max(vmax)
    top = max(top, vmax) or 1.0
    plot_w, plot_h = W - PAD_L - PAD_R, H - PAD_T - PAD_B
    band = plot_w / n if n else plot_w
    xs = [PAD_L + band * (i + 0.5) for i in range(n)]
    body = _frame(top, fmt)
    colors = [s.color if s.color is not None else i for i, s in enumerate(series)]
    marks = 0
    inner = band * 0.72
    for i in range(n):
        x0 = PAD_L + band * i + (band - inner) / 2
        base = 0.0
        for k, (s, c) in enumerate(zip(series, colors, strict=True)):
            v = s.values[i]
            if is_missing(v):
                continue
            fv = float(v)  # type: ignore[arg-type]
            h = plot_h * fv / top
            if stacked:
                x, w = x0, inner
                y = PAD_T + plot_h - plot_h * base / top - h
                base += fv
            else:
                w = inner / len(series)
                x = x0 + k * w
                y = PAD_T + plot_h - h
            cls = f"os-bar os-s{c}" + (" os-bar--target" if s.dashed else "")
            body.append(f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{max(w - 1, 1):.1f}" '
                        f'height="{max(h, 0):.1f}"><title>{_e(categories[i])} · {_e(s.name)}: '
                        f'{_e(fmt(fv))}</title></rect>')
            marks += 1
    labels = _xlabels(categories, xs)
    if links:
        labels = [
            (f'<a href="{_e(links[i])}">{lab}</a>' if i < len(links) and links[i] else lab)
            for i, lab in enumerate(labels)
        ] if len(labels) == n else labels
    body += labels
    return _figure(title, body, series, colors, marks, note)


@dataclass
class Point:
    label: str
    x: float
    y: float
    link: str | None = None
    highlight: bool = False  # drawn larger, with its label (the pair the page compares)


def scatter_chart(title: str, points: Sequence[Point], x_fmt: Callable[[float], str],
                  y_fmt: Callable[[float], str], x_split: float, y_split: float,
                  quadrants: tuple[str, str, str, str], ymax: float = 1.0, note: str = "",
                  x_title: str = "") -> Markup:
    """One dot per point (a link when it has one), a dashed line at `x_split` and at `y_split`, and the four
    quadrants named (top left, top right, bottom left, bottom right)."""
    plot_w, plot_h = W - PAD_L - PAD_R, H - PAD_T - PAD_B
    xmax = _nice_max(max((p.x for p in points), default=0.0))
    top = ymax if all(p.y <= ymax for p in points) else _nice_max(max(p.y for p in points))

    def sx(v: float) -> float:
        return PAD_L + plot_w * max(v, 0.0) / xmax

    def sy(v: float) -> float:
        return PAD_T + plot_h - plot_h * max(v, 0.0) / top

    body = _frame(top, y_fmt)
    for i in range(5):
        x = PAD_L + plot_w * i / 4
        body.append(f'<text class="os-xtick" x="{x:.1f}" y="{H - PAD_B + 16}" text-anchor="middle">'
                    f'{_e(x_fmt(xmax * i / 4))}</text>')
    body.append(f'<line class="os-axis" x1="{sx(x_split):.1f}" x2="{sx(x_split):.1f}" y1="{PAD_T}" '
                f'y2="{H - PAD_B}" stroke-dasharray="4 4"/>')
    body.append(f'<line class="os-axis" x1="{PAD_L}" x2="{W - PAD_R}" y1="{sy(y_split):.1f}" '
                f'y2="{sy(y_split):.1f}" stroke-dasharray="4 4"/>')
    # the lower labels sit just under the horizontal line, clear of the sellers at 0% on the axis
    below = min(sy(y_split) + 14, H - PAD_B - 18)
    corners = ((PAD_L + 4, PAD_T + 12, "start"), (W - PAD_R - 4, PAD_T + 12, "end"),
               (PAD_L + 4, below, "start"), (W - PAD_R - 4, below, "end"))
    for (x, y, anchor), text in zip(corners, quadrants, strict=True):
        body.append(f'<text class="os-xtick os-quadrant" x="{x}" y="{y}" text-anchor="{anchor}">{_e(text)}</text>')
    body.append(f'<text class="os-xtick" x="{(PAD_L + W - PAD_R) / 2:.1f}" y="{H - 8}" text-anchor="middle">'
                f'{_e(x_title)}</text>')
    for p in sorted(points, key=lambda p: p.highlight):  # the highlighted pair on top
        tip = f"<title>{_e(p.label)}: {_e(x_fmt(p.x))}, {_e(y_fmt(p.y))}</title>"
        r, extra = (6, ' stroke="currentColor" stroke-width="2"') if p.highlight else (4, "")
        dot = (f'<circle class="os-dot os-s{3 if p.highlight else 0} os-scatter-dot" cx="{sx(p.x):.1f}" '
               f'cy="{sy(p.y):.1f}" r="{r}"{extra}>{tip}</circle>')
        body.append(f'<a href="{_e(p.link)}">{dot}</a>' if p.link else dot)
        if p.highlight:
            anchor = "end" if sx(p.x) > W / 2 else "start"
            dx = -9 if anchor == "end" else 9
            body.append(f'<text class="os-ytick" x="{sx(p.x) + dx:.1f}" y="{sy(p.y) + 4:.1f}" '
                        f'text-anchor="{anchor}">{_e(p.label)}</text>')
    return _figure(title, body, [Series("One dot per seller", [])], [0], len(points), note)


def mix_bar(shares: Sequence[tuple[str, float | None, int]], fmt: Callable[[float], str]) -> Markup:
    """A one-line stacked bar of shares (name, share, colour index): a rep's product mix beside its name."""
    width, height, x = 160.0, 12, 0.0
    rects = []
    for name, share, color in shares:
        if is_missing(share) or not share:
            continue
        w = width * float(share)
        rects.append(f'<rect class="os-s{color}" x="{x:.1f}" y="0" width="{max(w - 0.5, 0.5):.1f}" '
                     f'height="{height}"><title>{_e(name)}: {_e(fmt(float(share)))}</title></rect>')
        x += w
    label = ", ".join(f"{name} {fmt(float(share))}" for name, share, _ in shares if share)
    return Markup(f'<svg class="os-mixbar" viewBox="0 0 {width:.0f} {height}" width="{width:.0f}" '
                  f'height="{height}" role="img" aria-label="{_e(label)}">{"".join(rects)}</svg>')
