"""Number and text formatting for the pages (Jinja filters). Formatting only: no metric is computed here."""

from __future__ import annotations

import hashlib
import json
import math
import re
from datetime import date, datetime
from html import escape

from markupsafe import Markup

from onstrategy.labels import label, labels
from onstrategy_site.metrics import metric

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$"}
MINUS = "−"
DASH = "–"


def is_missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def to_float(v: object) -> float | None:
    """A value as a chart takes it: a float, or None when missing."""
    return None if is_missing(v) else float(v)  # type: ignore[arg-type]


class Formatter:
    def __init__(self, currency: str = "USD") -> None:
        self.currency = currency
        self.symbol = CURRENCY_SYMBOLS.get(currency, currency + " ")

    # --- numbers -------------------------------------------------------------------------------------------------
    def money(self, v: object, compact: bool = False) -> str:
        if is_missing(v):
            return DASH
        x = float(v)  # type: ignore[arg-type]
        sign = MINUS if x < 0 else ""
        x = abs(x)
        if compact:
            for div, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
                if x >= div:
                    return f"{sign}{self.symbol}{x / div:,.{1 if x / div >= 100 else 2}f}{suffix}"
            return f"{sign}{self.symbol}{x:,.0f}"
        return f"{sign}{self.symbol}{x:,.0f}"

    @staticmethod
    def pct(v: object, digits: int = 1) -> str:
        if is_missing(v):
            return DASH
        s = f"{float(v) * 100:.{digits}f}%"  # type: ignore[arg-type]
        return s.replace("-", MINUS)

    @staticmethod
    def num(v: object, digits: int = 0) -> str:
        if is_missing(v):
            return DASH
        s = f"{float(v):,.{digits}f}"  # type: ignore[arg-type]
        return s.replace("-", MINUS)

    @staticmethod
    def plain(v: float) -> str:
        """A number as strategy.yml writes it, without the `.0` a whole number gets as a float (a weight of 2)."""
        return str(int(v)) if float(v).is_integer() else str(v)

    def value(self, v: object, kind: str, compact: bool = False) -> str:
        """Format a metric value by its kind (see metrics.Metric.kind)."""
        if kind == "money":
            return self.money(v, compact)
        if kind == "share":
            return self.pct(v)
        if kind == "pp":
            return self.pp(v)
        if kind == "score100":
            return self.num(v, 1)
        if kind == "score1":
            return self.num(v, 2)
        if kind == "count":
            return self.num(v, 0)
        if kind == "flags":  # red flags, off-strategy reasons: comma-separated codes, shown in words
            return DASH if is_missing(v) or v == "" else labels(v)
        if kind == "code":  # a quarantine reason, a match method: one code, shown in words
            return DASH if is_missing(v) or v == "" else label(v)
        if kind == "ratio":  # strategy credit per dollar booked: 1.13×
            return DASH if is_missing(v) else f"{float(v):.2f}×"  # type: ignore[arg-type]
        if kind == "rank":
            return DASH if is_missing(v) else f"#{float(v):.0f}"  # type: ignore[arg-type]
        if kind == "prob":
            return DASH if is_missing(v) else f"{float(v):.0f}%"  # type: ignore[arg-type]
        if kind == "bool":
            return DASH if is_missing(v) else ("yes" if v else "no")
        if kind == "date":
            return DASH if is_missing(v) else (v.isoformat() if isinstance(v, date | datetime) else str(v))
        if kind == "number":
            if is_missing(v):
                return DASH
            if isinstance(v, int):
                return self.num(v, 0)
            if isinstance(v, float):
                return self.num(v, 0 if v.is_integer() else 2)
        return DASH if is_missing(v) else str(v)

    def metric(self, v: object, name: str, compact: bool = False) -> str:
        return self.value(v, metric(name).kind, compact)

    @staticmethod
    def pp(v: object) -> str:
        if is_missing(v):
            return DASH
        x = float(v) * 100  # type: ignore[arg-type]
        return f"{'+' if x > 0.005 else MINUS if x < -0.005 else '±'}{abs(x):.1f} pp"

    def delta(self, d: object, name: str, rel: object = None) -> str:
        """Quarter-over-quarter change of a metric, sign always shown (shares in percentage points)."""
        if is_missing(d):
            return ""
        kind = metric(name).kind
        x = float(d)  # type: ignore[arg-type]
        sign = "+" if x > 0 else MINUS if x < 0 else "±"
        if kind == "share":
            return self.pp(x)
        if kind == "money":
            s = f"{sign}{self.money(abs(x), compact=True)}"
            if not is_missing(rel):
                r = float(rel) * 100  # type: ignore[arg-type]
                s += f" ({'+' if r >= 0 else MINUS}{abs(r):.1f}%)"
            return s
        if kind == "score100":
            return f"{sign}{abs(x):.1f}"
        if kind in ("score1", "ratio"):
            return f"{sign}{abs(x):.2f}"
        return f"{sign}{abs(x):,.0f}"

    @staticmethod
    def direction(d: object, name: str, rel: object = None) -> str:
        """CSS modifier for a delta: good / bad / flat (by whether up is good for the metric); a change within the
        metric kind's neutral band is flat (noise, not a trend)."""
        if is_missing(d) or float(d) == 0:  # type: ignore[arg-type]
            return "flat"
        m = metric(name)
        if m.better == "none" or _within_neutral_band(float(d), m.kind, rel):  # type: ignore[arg-type]
            return "flat"
        up = float(d) > 0  # type: ignore[arg-type]
        return "good" if up == (m.better == "up") else "bad"

    @classmethod
    def judged_direction(cls, value: object, d: object, target: object, name: str, rel: object = None) -> str:
        """A tile's delta judged against its target: good when it holds or improves a met target, bad when it
        falls or stays below it; `mixed` when it improves but is still below the target, or slips while still
        meeting it. Without a target (or a value), as `direction`."""
        way = cls.direction(d, name, rel)
        if is_missing(target) or is_missing(value) or way == "flat":
            return way
        meets = float(value) >= float(target)  # type: ignore[arg-type]  # objectives are "at least" targets
        if meets:
            return "good" if way == "good" else "mixed"
        return "mixed" if way == "good" else "bad"


# Changes smaller than this are shown without colour: shares and scores in their own unit, money relative to the
# previous quarter.
NEUTRAL_BAND = {"share": 0.005, "pp": 0.005, "score100": 0.5, "score1": 0.005}
NEUTRAL_BAND_MONEY_REL = 0.01


def _within_neutral_band(d: float, kind: str, rel: object) -> bool:
    if kind == "money":
        return not is_missing(rel) and abs(float(rel)) < NEUTRAL_BAND_MONEY_REL  # type: ignore[arg-type]
    return abs(d) < NEUTRAL_BAND.get(kind, 0.0)


# --- text ------------------------------------------------------------------------------------------------------
def yaml_title(s: object) -> Markup:
    """A page title for the Markdown front matter. Material prints `page.meta.title` unescaped: escape it here."""
    return Markup(json.dumps(escape(str(s), quote=True)))


def slugify(name: object) -> str:
    """A file-name-safe, unique slug for an entity name (ASCII word characters + a short hash)."""
    text = str(name)
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "x"
    return f"{base}-{hashlib.sha1(text.encode()).hexdigest()[:6]}"


def safe_id(s: object) -> str:
    """A Salesforce-style id as a file name (only letters and digits kept)."""
    cleaned = re.sub(r"[^A-Za-z0-9]", "", str(s))
    return cleaned if cleaned == str(s) and cleaned else slugify(s)
