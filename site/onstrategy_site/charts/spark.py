"""The sparkline of a KPI tile: the last quarters of a metric as a small line, its target as a dashed line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from markupsafe import Markup

from onstrategy_site.charts.palette import REFERENCE, THIS

SPARK_W, SPARK_H, SPARK_PAD = 120, 28, 3
SPARK_QUARTERS = 8  # two years: enough to see a trend, few enough to read at tile size


def sparkline(quarters: Sequence[str], values: Sequence[float | None], fmt: Callable[[float], str],
              target: float | None = None, min_span: float = 0.0) -> Markup | None:
    """An inline SVG of `values` along `quarters` (None leaves a gap), the latest point marked; None with fewer
    than two values. The scale spans the values and the target, widened to `min_span` around their middle so
    that a change of a fraction of a point does not look like a swing."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return None
    span = [*known, *([target] if target is not None else [])]
    lo, hi = min(span), max(span)
    if hi - lo < min_span:
        middle = (hi + lo) / 2
        lo, hi = middle - min_span / 2, middle + min_span / 2
    hi = hi if hi > lo else lo + 1
    step = (SPARK_W - 2 * SPARK_PAD) / max(len(values) - 1, 1)

    def y(v: float) -> float:
        return SPARK_H - SPARK_PAD - (v - lo) / (hi - lo) * (SPARK_H - 2 * SPARK_PAD)

    runs: list[list[str]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            runs.append([])
        else:
            runs[-1].append(f"{SPARK_PAD + i * step:.1f},{y(v):.1f}")
    body = [f'<polyline class="os-spark__line os-s{THIS}" points="{" ".join(run)}"/>' for run in runs if len(run) > 1]
    if target is not None:
        body.insert(0, f'<line class="os-spark__target os-s{REFERENCE}" x1="{SPARK_PAD}" x2="{SPARK_W - SPARK_PAD}" '
                       f'y1="{y(target):.1f}" y2="{y(target):.1f}"/>')
    last = max(i for i, v in enumerate(values) if v is not None)
    body.append(f'<circle class="os-spark__dot os-s{THIS}" cx="{SPARK_PAD + last * step:.1f}" '
                f'cy="{y(values[last]):.1f}" r="2.5"/>')  # type: ignore[arg-type]
    points = [f"{q} {fmt(v)}" for q, v in zip(quarters, values, strict=True) if v is not None]
    label = escape("Last quarters: " + ", ".join(points)
                   + (f"; target {fmt(target)}" if target is not None else ""), quote=True)
    return Markup(f'<svg class="os-spark" viewBox="0 0 {SPARK_W} {SPARK_H}" width="{SPARK_W}" height="{SPARK_H}" '
                  f'role="img" aria-label="{label}"><title>{label}</title>{"".join(body)}</svg>')
