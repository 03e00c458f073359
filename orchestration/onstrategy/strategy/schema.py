"""The strategy file's schema (shared SPEC, "Strategy as code"), validated with pydantic.

Every rule that can be checked without data is checked here, so a bad strategy never reaches the warehouse.
"""

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from onstrategy.ingest.salesforce_ids import to_18
from onstrategy.metrics import CREDIT_PREDICATES, DEFAULT_RED_FLAGS, RED_FLAG_NAMES
from onstrategy.metrics import OBJECTIVE_METRICS as METRICS
from onstrategy.strategy.fiscal import version_number

SHARE_TOLERANCE = 0.001
MAX_OBJECTIVES = 5
MAX_PLAN_PRIORITIES = 3  # SPEC "Sales alignment plans": better three done well than fifteen
NEW_PRODUCT_QUARTERS = 4  # SPEC "Growth strategies": a line is new for this many quarters from its launch
ID_PREFIXES = {"opportunity_id": "006", "account_id": "001"}  # the key prefixes of Opportunity and Account Ids
EXCEPTION_REASONS = ("long_term_opportunity", "leverage_contact", "low_effort", "other")
UNSEGMENTED = "Unsegmented"
UNMAPPED = "Unmapped"

def _iso_date(value: Any) -> date:
    """A calendar date written YYYY-MM-DD (the YAML loader leaves dates as text): `2026-02-30` and `20260101`
    are errors, not a traceback or a Unix timestamp."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a calendar date ({exc})") from None
    raise ValueError(f"expected a date written YYYY-MM-DD, got {value!r}")


Share = Annotated[float, Field(ge=0, le=1)]
Name = Annotated[str, Field(min_length=1)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class StrictModel(BaseModel):
    # allow_inf_nan: `.inf` or `.nan` in YAML is a float; no weight, target or threshold may be one
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Segment(StrictModel):
    """An ordered segment rule: every filter it has must match; the first matching rule wins."""

    name: Name
    industries: list[Name] | None = None
    countries: list[str] | None = None
    min_employees: Annotated[int, Field(ge=0)] | None = None
    max_employees: Annotated[int, Field(ge=0)] | None = None
    icp: bool
    target_share: Share | None = None

    @field_validator("countries")
    @classmethod
    def _iso2(cls, countries: list[str] | None) -> list[str] | None:
        for country in countries or []:
            if not re.fullmatch(r"[A-Za-z]{2}", country):
                raise ValueError(f"country {country!r} is not an ISO-2 code (e.g. US, DE)")
        return [c.upper() for c in countries] if countries is not None else None

    @model_validator(mode="after")
    def _rules(self) -> "Segment":
        if self.name == UNSEGMENTED:
            raise ValueError(f"the name {UNSEGMENTED!r} is reserved for accounts that match no rule")
        if self.min_employees is not None and self.max_employees is not None and \
                self.min_employees > self.max_employees:
            raise ValueError(f"min_employees {self.min_employees} is greater than max_employees {self.max_employees}")
        return self


class ProductLine(StrictModel):
    name: Name
    families: list[Name] = Field(default_factory=list)
    product_codes: list[Name] = Field(default_factory=list)
    target_share: Share
    strategic: bool = False
    deprioritized: bool = False
    launched_on: IsoDate | None = None  # SPEC "Growth strategies": sales from then are new-product sales

    @model_validator(mode="after")
    def _rules(self) -> "ProductLine":
        if self.name == UNMAPPED:
            raise ValueError(f"the name {UNMAPPED!r} is reserved for products that match no line")
        if not self.families and not self.product_codes:
            raise ValueError("a product line needs families and/or product_codes")
        if self.strategic and self.deprioritized:
            raise ValueError("a product line cannot be both strategic and deprioritized")
        return self


class Objective(StrictModel):
    metric: str
    target: Annotated[float, Field(gt=0, le=1)]
    weight: Annotated[float, Field(gt=0)]

    @field_validator("metric")
    @classmethod
    def _known(cls, metric: str) -> str:
        return _one_of("metric", metric, METRICS)


class CreditRule(StrictModel):
    """A booking line whose predicate holds earns `multiplier` times its amount (SPEC "Strategy credit")."""

    when: str
    multiplier: Annotated[float, Field(ge=0)]

    @field_validator("when")
    @classmethod
    def _known(cls, predicate: str) -> str:
        return _one_of("predicate", predicate, tuple(CREDIT_PREDICATES))


class Credit(StrictModel):
    """How booking lines earn strategy credit: the product of the matching rules' multipliers, rescaled per quarter
    so the company's credit equals its bookings when `budget_neutral`."""

    budget_neutral: bool = True
    rules: list[CreditRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _rules(self) -> "Credit":
        _unique("rules", [r.when for r in self.rules])
        return self


class PlanPriority(StrictModel):
    """One of a team's few priorities: an objective metric, the team's own target for it, what the team will do."""

    metric: str
    target: Annotated[float, Field(gt=0, le=1)]
    action: str | None = None

    @field_validator("metric")
    @classmethod
    def _known(cls, metric: str) -> str:
        return _one_of("metric", metric, METRICS)


class PlanDrop(StrictModel):
    """What the team stops doing: a product line kept at or below `max_share` of its bookings."""

    product_line: Name
    max_share: Share


class AlignmentPlan(StrictModel):
    """A team's sales alignment plan for a version (SPEC "Sales alignment plans"): `team` is a UserRole name,
    approved by a manager; at most three priorities; what to drop."""

    team: Name
    approved_by: Name
    approved_on: IsoDate
    priorities: list[PlanPriority] = Field(min_length=1, max_length=MAX_PLAN_PRIORITIES)
    drop: list[PlanDrop] = Field(default_factory=list)

    @model_validator(mode="after")
    def _rules(self) -> "AlignmentPlan":
        _unique("priorities", [p.metric for p in self.priorities])
        _unique("drop", [d.product_line for d in self.drop])
        return self


class Version(StrictModel):
    name: Name
    effective_from: IsoDate
    segments: list[Segment] = Field(min_length=1)
    target_accounts: list[Name] = Field(default_factory=list)
    product_lines: list[ProductLine] = Field(min_length=1)
    target_personas: list[Name] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list, max_length=MAX_OBJECTIVES)
    red_flags: dict[str, Share] = Field(default_factory=lambda: dict(DEFAULT_RED_FLAGS))
    late_stage_min_probability: Annotated[float, Field(ge=0, le=100)] = 60
    new_product_quarters: Annotated[int, Field(ge=1)] = NEW_PRODUCT_QUARTERS
    credit: Credit | None = None
    alignment_plans: list[AlignmentPlan] = Field(default_factory=list)

    @field_validator("target_accounts")
    @classmethod
    def _ids_18(cls, accounts: list[str]) -> list[str]:
        """A 15-character Id (as a report exports it) in its 18-character form, as the marts carry it."""
        return [to_18(account.strip()) for account in accounts]

    @field_validator("red_flags")
    @classmethod
    def _flags(cls, flags: dict[str, float]) -> dict[str, float]:
        for name in flags:
            if name not in RED_FLAG_NAMES:
                raise ValueError(f"unknown red flag {name!r}; a red flag is <metric>_below for a metric where more "
                                 f"is better (e.g. on_strategy_share_below) or <metric>_above where less is "
                                 f"(e.g. unjustified_off_strategy_share_above)")
        return {**DEFAULT_RED_FLAGS, **flags}

    @model_validator(mode="after")
    def _rules(self) -> "Version":
        _unique("segments", [s.name for s in self.segments])
        _unique("product_lines", [p.name for p in self.product_lines])
        _unique("objectives", [o.metric for o in self.objectives])
        total = sum(p.target_share for p in self.product_lines)
        if abs(total - 1) > SHARE_TOLERANCE:
            raise ValueError(f"product_lines: target shares sum to {round(total, 6):g}, expected 1")
        for kind in ("families", "product_codes"):
            claimed: dict[str, str] = {}
            for line in self.product_lines:
                for value in getattr(line, kind):
                    if value in claimed:
                        raise ValueError(f"product_lines: {kind[:-1].replace('_', ' ')} {value!r} is claimed by both "
                                         f"{claimed[value]!r} and {line.name!r}")
                    claimed[value] = line.name
        _unique("alignment_plans", [plan.team for plan in self.alignment_plans])
        lines = [line.name for line in self.product_lines]
        for plan in self.alignment_plans:
            for drop in plan.drop:
                if drop.product_line not in lines:
                    raise ValueError(f"alignment_plans: the plan of {plan.team!r} drops {drop.product_line!r}, which "
                                     f"is not a product line of this version; lines: {', '.join(lines)}")
        return self


class StrategyException(StrictModel):
    """Off-strategy business a leader approved (SPEC "Justified off-strategy business"): one opportunity, or every
    opportunity of one account, closed from `approved_on` until the day before `expires_on` (open when absent)."""

    opportunity_id: Name | None = None
    account_id: Name | None = None
    reason: str
    approved_by: Name
    approved_on: IsoDate
    expires_on: IsoDate | None = None
    note: str | None = None

    @field_validator("reason")
    @classmethod
    def _known_reason(cls, reason: str) -> str:
        return _one_of("reason", reason, EXCEPTION_REASONS)

    @field_validator("opportunity_id", "account_id")
    @classmethod
    def _ids_18(cls, record_id: str | None, info: ValidationInfo) -> str | None:
        if record_id is None:
            return None
        prefix = ID_PREFIXES[info.field_name or ""]
        record_id = record_id.strip()
        if not re.fullmatch(r"[0-9A-Za-z]{15}([0-9A-Za-z]{3})?", record_id) or not record_id.startswith(prefix):
            raise ValueError(f"{record_id!r} is not a Salesforce {info.field_name} (15 or 18 characters "
                             f"starting {prefix})")
        return to_18(record_id)

    @model_validator(mode="after")
    def _rules(self) -> "StrategyException":
        if (self.opportunity_id is None) == (self.account_id is None):
            raise ValueError("an exception names exactly one of opportunity_id or account_id")
        if self.expires_on is not None and self.expires_on <= self.approved_on:
            raise ValueError(f"approved_on {self.approved_on} is not before expires_on {self.expires_on}")
        return self


class Strategy(StrictModel):
    reporting_currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    fiscal_year_start_month: Annotated[int, Field(ge=1, le=12)]
    versions: list[Version] = Field(min_length=1)
    exceptions: list[StrategyException] = Field(default_factory=list)

    @model_validator(mode="after")
    def _rules(self) -> "Strategy":
        _unique("versions", [v.name for v in self.versions])
        for earlier, later in zip(self.versions, self.versions[1:], strict=False):
            if later.effective_from <= earlier.effective_from:
                raise ValueError(f"versions: effective_from must increase: {later.name!r} "
                                 f"({later.effective_from}) is not after {earlier.name!r} ({earlier.effective_from})")
        return self

    # A version's id, as the strategy tables and every mart carry it (`version_id`), is its 1-based position in
    # `versions`; these three helpers are the one place that numbering is read back.
    def version_id(self, version: Version) -> int:
        """The id of one of this strategy's versions."""
        return self.versions.index(version) + 1

    def version_by_id(self, version_id: int | None) -> Version | None:
        """The version with this id; None for no id or an id no version has."""
        if version_id is None or not 1 <= version_id <= len(self.versions):
            return None
        return self.versions[version_id - 1]

    def version_on(self, day: date) -> Version:
        """The version in force on `day` (the first version for a day before it), as the fiscal calendar has it."""
        return self.versions[version_number(day, [v.effective_from for v in self.versions]) - 1]


def _one_of(kind: str, value: str, known: tuple[str, ...]) -> str:
    """`value` when it is one of the `known` codes, else an error that lists them."""
    if value not in known:
        raise ValueError(f"unknown {kind} {value!r}; known: {', '.join(known)}")
    return value


def _unique(where: str, names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ValueError(f"{where}: {name!r} appears twice")
        seen.add(name)
