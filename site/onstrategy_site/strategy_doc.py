"""Read `strategy.yml` for display (the strategy page, targets on KPI tiles) and the fiscal calendar.

The pipeline validates the file (onstrategy.strategy); here it is only read, tolerant of missing optional keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from onstrategy.errors import OnstrategyError

DEFAULT_RED_FLAGS = {"on_strategy_share_below": 0.30, "icp_customer_share_below": 0.25,
                     "icp_time_share_below": 0.3333}


@dataclass
class Version:
    version_id: int
    name: str
    effective_from: date
    segments: list[dict[str, Any]]
    target_accounts: list[str]
    product_lines: list[dict[str, Any]]
    target_personas: list[str]
    objectives: list[dict[str, Any]]
    red_flags: dict[str, float]
    late_stage_min_probability: float


@dataclass
class Strategy:
    path: Path
    reporting_currency: str
    fiscal_year_start_month: int
    versions: list[Version] = field(default_factory=list)

    def version(self, version_id: object = None, on: date | None = None) -> Version | None:
        """The version with this id (1..n in effective_from order), else the one in force on a date."""
        for v in self.versions:
            if version_id is not None and v.version_id == version_id:
                return v
        if on is not None:
            current = None
            for v in self.versions:
                if v.effective_from <= on:
                    current = v
            return current or (self.versions[0] if self.versions else None)
        return self.versions[-1] if self.versions else None

    def quarter_bounds(self, label: str) -> tuple[date, date] | None:
        """First and last day of a fiscal quarter labelled `FY2027-Q3`."""
        m = re.fullmatch(r"FY(\d{4})-Q([1-4])", str(label))
        if not m:
            return None
        fy, q = int(m.group(1)), int(m.group(2))
        start_year = fy - 1 if self.fiscal_year_start_month > 1 else fy
        month0 = self.fiscal_year_start_month - 1 + 3 * (q - 1)
        start = date(start_year + month0 // 12, month0 % 12 + 1, 1)
        month1 = month0 + 3
        end = date(start_year + month1 // 12, month1 % 12 + 1, 1) - timedelta(days=1)
        return start, end


def _date(v: object, where: str) -> date:
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v))
    except ValueError as exc:
        raise OnstrategyError(f"{where}: not a date: {v!r}") from exc


def load_strategy(path: Path) -> Strategy:
    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise OnstrategyError(f"{path}: strategy file not found") from exc
    except yaml.YAMLError as exc:
        raise OnstrategyError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("versions"), list) or not doc["versions"]:
        raise OnstrategyError(f"{path}: versions: a strategy needs a non-empty list of versions")
    raw_versions = []
    for i, v in enumerate(doc["versions"]):
        if not isinstance(v, dict):
            raise OnstrategyError(f"{path}: versions[{i}]: must be a mapping")
        raw_versions.append((_date(v.get("effective_from"), f"{path}: versions[{i}].effective_from"), i, v))
    raw_versions.sort(key=lambda t: (t[0], t[1]))
    versions = []
    for n, (eff, _, v) in enumerate(raw_versions, start=1):
        versions.append(Version(
            version_id=n,
            name=str(v.get("name") or f"Version {n}"),
            effective_from=eff,
            segments=[s for s in v.get("segments") or [] if isinstance(s, dict)],
            target_accounts=[str(a) for a in v.get("target_accounts") or []],
            product_lines=[p for p in v.get("product_lines") or [] if isinstance(p, dict)],
            target_personas=[str(p) for p in v.get("target_personas") or []],
            objectives=[o for o in v.get("objectives") or [] if isinstance(o, dict)],
            red_flags={**DEFAULT_RED_FLAGS, **(v.get("red_flags") or {})},
            late_stage_min_probability=float(v.get("late_stage_min_probability", 60)),
        ))
    return Strategy(path=path, reporting_currency=str(doc.get("reporting_currency") or "USD"),
                    fiscal_year_start_month=int(doc.get("fiscal_year_start_month") or 1), versions=versions)
