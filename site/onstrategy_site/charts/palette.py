"""The colours of the charts, as indices of the `os-sN` classes of assets/onstrategy.css (light and dark palettes).

Product lines own the hues (`os-s0`..`os-s7`, one per line across the site, `pages.common.line_colors`); every
other series takes a colour no product line can get: the site's indigo for the page's own entity, greys for the
yardsticks, indigo shades for ordered parts that are not product lines (growth motions, ICP classes).
"""

from __future__ import annotations

PRODUCT_HUES = 8  # os-s0..os-s7: product lines only; a strategy with more lines repeats them
THIS = 8  # the page's own entity: "This rep", the company's on-strategy share
REFERENCE = 9  # what it is compared with: the company, a target (drawn dashed or as a tick)
MUTED = 10  # what belongs to no category: unmatched billing, the Unmapped product line
ALERT = 11  # a count of problems (reps flagged)
SHADES = (12, 13, 14, 15)  # indigo, dark to light: the parts of a whole that are not product lines
COLORS = 16  # os-s0..os-s15 exist in the stylesheet


def product_hue(position: int) -> int:
    """The colour of the product line at `position` in the lines sorted by name."""
    return position % PRODUCT_HUES


def shade(position: int) -> int:
    """The colour of the `position`-th part of a whole that is not a product line."""
    return SHADES[position % len(SHADES)]
