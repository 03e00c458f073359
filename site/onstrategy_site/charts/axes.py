"""The frame of the SVG charts: their size, value axes at round ticks, category labels, strategy-version markers."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

W, H = 520, 260
PAD_L, PAD_R, PAD_T, PAD_B = 50, 12, 12, 40
PLOT_W, PLOT_H = W - PAD_L - PAD_R, H - PAD_T - PAD_B
# the width of a character of the axis text in viewBox units (0.6 em, a little more than digits and capitals
# take in common sans-serif fonts), on a wide screen and on a phone, where the text is larger (onstrategy.css)
CHAR_W, CHAR_W_NARROW = 7.5, 10.2
MAX_INTERVALS = 5  # a free axis has at most this many steps between ticks

# the zeros a round tick does not need: "100.0%" -> "100%", "$2.50M" -> "$2.5M"
_TRAILING_ZEROS = re.compile(r"\.(\d*?)0+(?=\D*$)")


def esc(s: object) -> str:
    return escape(str(s), quote=True)


def text_width(text: str, char_w: float = CHAR_W) -> float:
    return len(text) * char_w


@dataclass(frozen=True)
class Axis:
    """A value axis from 0 to `top` with a tick every `step`."""

    top: float
    step: float

    @property
    def ticks(self) -> list[float]:
        return [self.step * i for i in range(round(self.top / self.step) + 1)]


def nice_step(raw: float, integer: bool = False) -> float:
    """The smallest step of 1, 2 or 5 x 10^n at least `raw` (at least 1 for counts)."""
    if raw <= 0:
        return 1.0
    exp = 10.0 ** math.floor(math.log10(raw))
    step = next(m * exp for m in (1, 2, 5, 10) if m * exp >= raw * (1 - 1e-9))
    return max(step, 1.0) if integer else step


def value_axis(vmax: float, fixed: float | None = None, integer: bool = False) -> Axis:
    """A fixed axis (shares: 0-100%, scores: 0-100) in quarters unless a value passes it; else round steps of
    1, 2 or 5 x 10^n up to the first tick at or above the largest value."""
    if fixed is not None and fixed > 0 and vmax <= fixed * (1 + 1e-9):
        return Axis(fixed, fixed / 4)
    if vmax <= 0:
        return Axis(1.0, 1.0) if integer else Axis(1.0, 0.25)
    step = nice_step(vmax / MAX_INTERVALS, integer)
    return Axis(step * math.ceil(vmax / step - 1e-9), step)


def tick_text(fmt: Callable[[float], str], v: float) -> str:
    """A tick's label as the chart formats values, without the zeros a round value does not need."""
    return _TRAILING_ZEROS.sub(lambda m: "." + m.group(1) if m.group(1) else "", fmt(v))


def y_of(v: float, axis: Axis) -> float:
    return PAD_T + PLOT_H - PLOT_H * max(v, 0.0) / axis.top


def frame(axis: Axis, fmt: Callable[[float], str]) -> list[str]:
    """Grid lines and labels at the axis's ticks, and the base line."""
    out = []
    for v in axis.ticks:
        y = y_of(v, axis)
        out.append(f'<line class="os-grid" x1="{PAD_L}" x2="{W - PAD_R}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="os-ytick" x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end">'
                   f'{esc(tick_text(fmt, v))}</text>')
    out.append(f'<line class="os-axis" x1="{PAD_L}" x2="{W - PAD_R}" y1="{H - PAD_B}" y2="{H - PAD_B}"/>')
    return out


def label_step(labels: Sequence[str], band: float, char_w: float = CHAR_W) -> int:
    """Show every n-th label so that the widest one fits its share of the axis."""
    widest = max((text_width(str(c), char_w) for c in labels), default=0.0)
    return max(1, math.ceil((widest + 10) / band)) if band > 0 else 1


def _shown(categories: Sequence[str], xs: Sequence[float], band: float, char_w: float) -> set[int]:
    """The labels shown at this text size: every n-th from the last, none reaching into the value axis's labels."""
    step = label_step(categories, band, char_w)
    return {i for i, (c, x) in enumerate(zip(categories, xs, strict=True))
            if (len(categories) - 1 - i) % step == 0 and x - text_width(str(c), char_w) / 2 >= PAD_L - 6}


def xlabels(categories: Sequence[str], xs: Sequence[float], links: Sequence[str | None] = ()) -> list[str]:
    """Category labels under the axis, whole, every n-th one when they would not fit, aligned on the last (latest)
    category; a phone, with its larger text, shows fewer (os-xtick--wide only on a wide screen, --narrow only on a
    phone). A label is a link where `links` has one."""
    out = []
    band = PLOT_W / max(len(categories), 1)
    wide, narrow = _shown(categories, xs, band, CHAR_W), _shown(categories, xs, band, CHAR_W_NARROW)
    for i, (c, x) in enumerate(zip(categories, xs, strict=True)):
        on_wide, on_narrow = i in wide, i in narrow
        if not (on_wide or on_narrow):
            continue
        only = "" if on_wide and on_narrow else " os-xtick--wide" if on_wide else " os-xtick--narrow"
        text = (f'<text class="os-xtick{only}" x="{x:.1f}" y="{H - PAD_B + 16}" text-anchor="middle">'
                f'{esc(c)}</text>')
        link = links[i] if i < len(links) else None
        out.append(f'<a href="{esc(link)}">{text}</a>' if link else text)
    return out


def markers(marks: Sequence[tuple[int, str]], xs: Sequence[float]) -> list[str]:
    """A dashed vertical line before each marked category, labelled (where a strategy version starts)."""
    out = []
    for i, text in marks:
        if 0 < i < len(xs):
            x = (xs[i - 1] + xs[i]) / 2
            out.append(f'<line class="os-axis os-marker" x1="{x:.1f}" x2="{x:.1f}" y1="{PAD_T}" y2="{H - PAD_B}" '
                       f'stroke-dasharray="2 3"/>')
            out.append(f'<text class="os-xtick os-marker__label" x="{x + 3:.1f}" y="{PAD_T + 10}" '
                       f'text-anchor="start">{esc(text)}</text>')
    return out
