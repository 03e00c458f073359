"""Everything the site reads from the warehouse, in one frozen `SiteData`, read before any page is rendered.

Python here only selects and groups the rows the SQL in `queries/` returned; no metric is computed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from onstrategy.errors import OnstrategyError
from onstrategy.strategy import Strategy
from onstrategy.strategy.fiscal import fiscal_quarter_bounds_of_label
from onstrategy.strategy.schema import Version
from onstrategy_site.formatting import safe_id, slugify, to_float
from onstrategy_site.layout import GRAINS
from onstrategy_site.metrics import DELTA_METRICS, GROWTH_MOTIONS
from onstrategy_site.queries import Warehouse

Row = dict[str, Any]


def by_key(rows: Iterable[Row], key: str) -> dict[Any, list[Row]]:
    """Rows grouped by the value of `key`, in their order."""
    out: dict[Any, list[Row]] = defaultdict(list)
    for r in rows:
        out[r[key]].append(r)
    return out


# Shares that the first year of history overstates, the growth motions': a first win in the data counts as a new
# logo (or a new persona, a cross-sell) even when the account bought before the export starts.
FIRST_YEAR_BLIND = {key for key, _ in GROWTH_MOTIONS}


PERIOD_QUARTERS = 4  # quarters the quarter selector offers, the as-of one included


@dataclass(frozen=True)
class AsOf:
    """The quarter the site reports: the latest complete fiscal quarter, else the one in progress."""

    quarter: str
    index: int
    as_of_date: date  # the latest booking close date
    prev_quarter: str | None
    complete: bool
    start: date | None
    end: date | None
    version: Version | None  # the strategy version of the quarter
    description: str  # the banner's line under "As of <quarter>"
    first_booking_date: date | None = None


@dataclass(frozen=True)
class PipelineData:
    lists: dict[str, list[Row]] | None  # by list name; None without marts.fct_pipeline
    summary: list[Row]


@dataclass(frozen=True)
class BillingData:
    by_quarter: list[Row]
    by_line: list[Row]
    match: list[Row]
    retention: list[Row]
    retention_summary: list[Row]
    booked_billed: list[Row]
    booked_billed_segments: list[Row]
    unmatched: list[Row]
    unmatched_count: int | None  # None without marts.billing_unmatched_customers


@dataclass(frozen=True)
class AccountData:
    """The accounts with a page (queries/accounts.sql says which) and what their pages and the rep pages list."""

    accounts: list[Row]  # by name
    quarters: dict[Any, list[Row]]  # bookings by quarter and product line, by account
    won_deals: list[Row]  # won opportunities of the last four quarters, newest quarter and largest first
    open_pipeline: list[Row]  # open opportunities, largest first


# a source's traffic light on the data-quality page: green when its newest record is at most FRESH_DAYS behind the
# as-of date (a daily export and a day's slack, the pipeline's freshness check's default), amber up to STALE_DAYS
# (a week), red beyond
FRESH_DAYS = 2
STALE_DAYS = 7


@dataclass(frozen=True)
class QualityData:
    sources: list[Row]  # each source's newest record against the as-of date, with its traffic light
    reconciliation: Row | None  # files, records read and records unaccounted for (audit.load_reconciliation)
    freshness: list[Row]
    row_counts: list[Row]
    quarantine: list[Row]
    quarantine_impact: list[Row]
    has_quarantine: bool
    audit_tables: dict[str, tuple[list[str], list[Row]]]  # columns and first rows of each audit table


@dataclass(frozen=True)
class OrgData:
    """The organisation (SPEC "Organisation"): the managers with a roll-up in fct_strategy_adherence_by_manager and
    who reports to whom; empty from a warehouse built before that mart."""

    managers: list[Row] = field(default_factory=list)  # queries/managers.sql, with `_href` and `_boss_href`
    quarters: dict[Any, list[Row]] = field(default_factory=dict)  # each manager's roll-up with deltas, by quarter
    reports: dict[Any, list[Row]] = field(default_factory=dict)  # the users directly under each manager
    manager_of: dict[Any, Row] = field(default_factory=dict)  # each user's row in their manager's `reports`


@dataclass(frozen=True)
class CreditData:
    """Strategy credit (SPEC "Strategy credit and quota") and off-strategy business by status ("Justified off-strategy
    business") for the periods of the selector, by period key (a quarter's label or the fiscal year's); empty from
    a warehouse built before fct_strategy_credit_by_rep."""

    reps: dict[Any, list[Row]] = field(default_factory=dict)  # queries/credit_by_rep.sql, biggest riser first
    by_rep: dict[Any, dict[Any, Row]] = field(default_factory=dict)  # the same rows by rep, then by period
    periods: dict[Any, Row] = field(default_factory=dict)  # the company's bookings, raw credit and k per period
    teams: dict[Any, list[Row]] = field(default_factory=dict)  # bookings against credit per team
    deals: list[Row] = field(default_factory=list)  # won opportunities with an off-strategy line, with their status
    exceptions: list[Row] = field(default_factory=list)  # strategy.yml's exceptions, in order, with names

    @property
    def available(self) -> bool:
        return bool(self.periods)


@dataclass(frozen=True)
class AlignmentData:
    """Sales alignment plans (SPEC "Sales alignment plans"): the line of sight, the roll-up and each plan's progress
    and drops, by version (progress and drops by quarter); empty from a warehouse without the alignment marts or a
    strategy without plans."""

    line_of_sight: dict[Any, list[Row]] = field(default_factory=dict)  # by version, then team and metric
    rollup: dict[Any, list[Row]] = field(default_factory=dict)  # by version
    plans: dict[Any, list[Row]] = field(default_factory=dict)  # approver and date of each plan, by version
    progress: dict[Any, list[Row]] = field(default_factory=dict)  # by quarter, then team and priority order
    drops: dict[Any, list[Row]] = field(default_factory=dict)  # by quarter
    manager_teams: dict[Any, list[str]] = field(default_factory=dict)  # the teams of the sellers under each manager

    @property
    def available(self) -> bool:
        return bool(self.line_of_sight)


@dataclass(frozen=True)
class CoachingData:
    """Where each seller's adherence points went (SPEC "Coaching", marts.fct_coaching); empty without the mart."""

    rows: dict[Any, list[Row]] = field(default_factory=dict)  # by rep: quarter and objective, most points lost first
    reps: list[Row] = field(default_factory=list)  # the as-of quarter's sellers, most points lost first

    @property
    def available(self) -> bool:
        return bool(self.rows) or bool(self.reps)


@dataclass(frozen=True)
class SiteData:
    """What the queries returned, with the as-of quarter and the slug of every entity page."""

    company: list[Row]  # fct_strategy_adherence_company with deltas, oldest quarter first
    company_row: Row  # the as-of quarter's row
    asof: AsOf
    reps: list[Row]  # with `_href` and `_team_href`
    rep_quarters: dict[Any, list[Row]]
    rep_lines: dict[Any, list[Row]]
    rep_accounts: dict[Any, list[Row]]
    group_reps: dict[Any, list[Row]]
    grain_rows: dict[str, dict[Any, list[Row]]]  # by grain, then by the grain's key
    grain_columns: dict[str, set[str]]  # the columns each grain's mart has
    segment_accounts: dict[Any, list[Row]]
    red_by_quarter: list[Row]
    red_by_type: list[Row]
    pipeline: PipelineData
    billing: BillingData
    quality: QualityData
    accounts: AccountData
    rep_slugs: dict[Any, str]
    slugs: dict[str, dict[Any, str]]  # by grain, then by name
    queries_run: int
    users_without_activity: int = 0  # users of dim_reps left out: no bookings, pipeline or activities ever
    company_year: Row | None = None  # the as-of quarter's fiscal year to date (fct_strategy_adherence_company_year)
    rep_years: dict[Any, Row] = field(default_factory=dict)  # the same year, per rep
    org: OrgData = field(default_factory=OrgData)  # the managers' pages are in `slugs["manager"]`
    credit: CreditData = field(default_factory=CreditData)
    alignment: AlignmentData = field(default_factory=AlignmentData)
    coaching: CoachingData = field(default_factory=CoachingData)

    def href(self, grain: str, key: Any) -> str | None:
        """The site-root-relative link of an entity's page; None when it has none."""
        return _href(self.rep_slugs, self.slugs, grain, key)

    def entity_page_count(self) -> int:
        # accounts' and managers' among the slugs
        return len(self.reps) + sum(len(slugs) for slugs in self.slugs.values())

    partial_first_quarter: str | None = None  # the first quarter, when the bookings start after its first day

    def quarter_axis(self) -> list[str]:
        """Quarters of the trend charts: every quarter up to the as-of quarter (later ones are in progress), without
        a first quarter the data covers only in part (a plunge that is only where the history starts)."""
        return [r["fiscal_quarter"] for r in self.company
                if r["fiscal_quarter_index"] <= self.asof.index and r["fiscal_quarter"] != self.partial_first_quarter]

    def period_quarters(self) -> list[Row]:
        """The company rows of the quarters the quarter selector offers, the as-of quarter first: it and the three
        before it on the quarter axis (the year a quarterly review looks back on)."""
        axis = set(self.quarter_axis())
        rows = [r for r in self.company if r["fiscal_quarter"] in axis and r["fiscal_quarter_index"] <= self.asof.index]
        return list(reversed(rows[-PERIOD_QUARTERS:]))

    def history(self, rows: list[Row]) -> list[Row]:
        """Rows of a by-quarter table, newest first; quarters after the as-of quarter marked in progress, a partial
        first quarter marked partial."""
        out = []
        for r in reversed(rows):
            if r["fiscal_quarter_index"] > self.asof.index:
                r = {**r, "fiscal_quarter": f"{r['fiscal_quarter']} (in progress)", "_cls": "os-partial"}
            elif r["fiscal_quarter"] == self.partial_first_quarter:
                r = {**r, "fiscal_quarter": f"{r['fiscal_quarter']} (partial)", "_cls": "os-partial"}
            out.append(r)
        return out

    def series_for(self, rows: list[Row], key: str) -> list[float | None]:
        """The values of `key` along the quarter axis (None where `rows` has no such quarter). Growth motions are
        left out for the first year of bookings: until then every account's first win in the data looks new."""
        by_q = {r["fiscal_quarter"]: r.get(key) for r in rows}
        young = set(self.first_year_quarters()) if key in FIRST_YEAR_BLIND else set()
        return [None if q in young else to_float(by_q.get(q)) for q in self.quarter_axis()]

    def first_year_quarters(self) -> list[str]:
        """The quarters of the first four with bookings (the new-logo share of a quarter needs a year before it)."""
        booked = [r for r in self.company if (to_float(r.get("bookings_amount")) or 0) > 0]
        if not booked:
            return []
        first = booked[0]["fiscal_quarter_index"]
        return [r["fiscal_quarter"] for r in self.company if r["fiscal_quarter_index"] < first + 4]

    def version_starts(self) -> list[tuple[int, int]]:
        """(position on the quarter axis, version id) of every quarter judged by another version than the one before
        it: where the chart's marker says a new strategy started."""
        axis = self.quarter_axis()
        version_of = {r["fiscal_quarter"]: r["version_id"] for r in self.company if r.get("version_id") is not None}
        return [(i, int(version_of[q])) for i, q in enumerate(axis)
                if i > 0 and q in version_of and version_of[q] != version_of.get(axis[i - 1])]


def _href(rep_slugs: dict[Any, str], slugs: dict[str, dict[Any, str]], grain: str, key: Any) -> str | None:
    if key is None:
        return None
    if grain == "rep":
        return f"reps/{rep_slugs[key]}.html" if key in rep_slugs else None
    if grain == "manager":  # a manager with a roll-up has a page
        return f"managers/{slugs['manager'][key]}.html" if key in slugs.get("manager", {}) else None
    if grain == "account":  # an account has a page when it has a slug (queries/accounts.sql's rule)
        return f"accounts/{slugs['account'][key]}.html" if key in slugs["account"] else None
    grain_slugs = slugs[grain]
    return f"{GRAINS[grain].folder}/{grain_slugs[key]}.html" if key in grain_slugs else None


def _quarters(wh: Warehouse, table: str, keys: list[str]) -> list[Row]:
    available = set(wh.columns.get(f"marts.{table}", []))
    # every numeric column a tile may show gets its change, so no tile says "no value" beside a history that has one
    metrics = [n for n in dict.fromkeys([*DELTA_METRICS, "share_of_quarter", "share_gap", "target_share",
                                         "reps_selling"]) if n in available]
    return wh.run("quarters_with_deltas", table=table, keys=keys, metrics=metrics)


def _as_of(wh: Warehouse, strategy: Strategy, company: list[Row]) -> tuple[AsOf, Row]:
    """The as-of quarter and its company row: the warehouse's marts.as_of, the one definition of "this quarter"."""
    as_of = wh.run("as_of")[0]
    as_of_date: date | None = as_of["data_through_date"]
    current = next((r for r in company if r["fiscal_quarter_index"] == as_of["as_of_quarter_index"]), None)
    if current is None or as_of_date is None:
        raise OnstrategyError(f"{wh.path}: marts.fct_strategy_adherence_company has no quarters: no bookings?")
    complete = bool(as_of["as_of_quarter_is_complete"])
    bounds = (as_of["as_of_quarter_start"], as_of["as_of_quarter_end"])
    q_index = current["fiscal_quarter_index"]
    prev = next((r for r in company if r["fiscal_quarter_index"] == q_index - 1), None)
    version = strategy.version_by_id(current.get("version_id")) or strategy.version_on(bounds[0])
    desc = [f"({bounds[0].isoformat()} to {bounds[1].isoformat()}), "
            + ("the latest complete fiscal quarter" if complete else "in progress: no quarter has ended")]
    desc.append(f"· data through {as_of_date.isoformat()}")
    if prev:
        desc.append(f"· deltas vs {prev['fiscal_quarter']}")
    asof = AsOf(quarter=current["fiscal_quarter"], index=q_index, as_of_date=as_of_date,
                prev_quarter=prev["fiscal_quarter"] if prev else None, complete=complete,
                start=bounds[0], end=bounds[1], version=version,
                description=" ".join(desc), first_booking_date=as_of["first_booking_date"])
    return asof, current


def _billing(wh: Warehouse) -> BillingData:
    has_billing = wh.has("marts.fct_billing_lines")
    has_unmatched = wh.has("marts.billing_unmatched_customers")
    retention = wh.run("retention") if wh.has("marts.fct_retention_by_icp") else []
    return BillingData(
        by_quarter=wh.run("billing_by_quarter") if has_billing else [],
        by_line=wh.run("billing_by_line") if has_billing else [],
        match=wh.run("billing_match") if wh.has("marts.dim_billing_customers") else [],
        retention=retention,
        retention_summary=wh.run("billing_retention_summary") if retention else [],
        booked_billed=wh.run("billing_booked_vs_billed") if wh.has("marts.fct_booked_vs_billed_by_account") else [],
        booked_billed_segments=(wh.run("billing_booked_vs_billed_by_segment")
                                if wh.has("marts.fct_booked_vs_billed_by_segment") else []),
        unmatched=wh.run("unmatched_customers") if has_unmatched else [],
        unmatched_count=wh.run("unmatched_count")[0]["customers"] if has_unmatched else None,
    )


def _time_columns(columns: list[str]) -> list[str]:
    """The columns of an audit table that hold a time: an epoch in nanoseconds (`*_ns`) or a timestamp (`*_at`)."""
    return [c for c in columns if c.endswith(("_ns", "_at"))]


def _quality(wh: Warehouse) -> QualityData:
    table_list = sorted(tuple(t.split(".", 1)) for t in wh.columns)
    quarantine_tables = [t for t in wh.tables("quarantine") if "reason" in wh.columns[f"quarantine.{t}"]]
    return QualityData(
        sources=wh.run("source_freshness", {"fresh_days": FRESH_DAYS, "stale_days": STALE_DAYS}),
        reconciliation=wh.run("reconciliation_summary", columns=wh.columns["audit.load_reconciliation"])[0]
        if wh.has("audit.load_reconciliation") else None,
        freshness=wh.run("freshness"),
        row_counts=wh.run("row_counts", table_list=table_list),
        quarantine=wh.run("quarantine_reasons", quarantine_tables=quarantine_tables) if quarantine_tables else [],
        quarantine_impact=wh.run("quarantine_impact") if wh.has("audit.quarantine_impact") else [],
        has_quarantine=bool(wh.tables("quarantine")),
        # the columns of `select *`, in the same order, even for an empty table
        audit_tables={t: (wh.columns[f"audit.{t}"], wh.run("audit_table", table=t, times=_time_columns(
            wh.columns[f"audit.{t}"]))) for t in wh.tables("audit")},
    )


def _accounts(wh: Warehouse, q: dict[str, int]) -> AccountData:
    return AccountData(accounts=wh.run("accounts", q), quarters=by_key(wh.run("account_quarters", q), "account_id"),
                       won_deals=wh.run("won_deals", q),
                       open_pipeline=wh.run("open_pipeline") if wh.has("marts.fct_pipeline") else [])


def _org(wh: Warehouse) -> OrgData:
    """The managers, their roll-ups and direct reports; none without fct_strategy_adherence_by_manager (or from a
    dim_reps without manager_chain)."""
    if not wh.has("marts.fct_strategy_adherence_by_manager") or "manager_chain" not in wh.columns["marts.dim_reps"]:
        return OrgData()
    reports = wh.run("manager_reports")
    return OrgData(managers=wh.run("managers"),
                   quarters=by_key(_quarters(wh, "fct_strategy_adherence_by_manager", ["manager_id"]), "manager_id"),
                   reports=by_key(reports, "manager_id"), manager_of={r["report_id"]: r for r in reports})


def _credit(wh: Warehouse, strategy: Strategy, params: dict[str, Any]) -> CreditData:
    """Strategy credit, off-strategy deals and the exceptions' names; none from marts without them."""
    booking_columns = set(wh.columns["marts.fct_bookings"])
    has_status = "off_strategy_status" in booking_columns
    exceptions = [{"kind": "opportunity" if e.opportunity_id else "account",
                   "record_id": e.opportunity_id or e.account_id, "approved_on": e.approved_on,
                   "expires_on": e.expires_on} for e in strategy.exceptions]
    named = {r["position"]: r for r in wh.run("strategy_exceptions", {
        "kinds": [e["kind"] for e in exceptions], "record_ids": [e["record_id"] for e in exceptions],
        "approved_on": [e["approved_on"] for e in exceptions], "expires_on": [e["expires_on"] for e in exceptions],
    })} if exceptions and has_status else {}
    exception_rows = [{**named.get(i, {}), **e.model_dump(), **exceptions[i]}
                      for i, e in enumerate(strategy.exceptions)]
    deals = wh.run("off_strategy_deals", params) if has_status else []
    if not wh.has("marts.fct_strategy_credit_by_rep") or "strategy_credit" not in booking_columns:
        return CreditData(deals=deals, exceptions=exception_rows)
    reps = wh.run("credit_by_rep", params)
    by_rep: dict[Any, dict[Any, Row]] = defaultdict(dict)
    for r in reps:
        by_rep[r["rep_id"]][r["period"]] = r
    return CreditData(reps=by_key(reps, "period"), by_rep=dict(by_rep),
                      periods={r["period"]: r for r in wh.run("credit_periods", params)},
                      teams=by_key(wh.run("credit_by_team", params), "period"), deals=deals,
                      exceptions=exception_rows)


ALIGNMENT_MARTS = ("fct_alignment_line_of_sight", "fct_alignment_rollup", "fct_alignment_progress",
                   "fct_alignment_drops")


def _alignment(wh: Warehouse, params: dict[str, Any]) -> AlignmentData:
    """The alignment plans' marts, the approvers' names and the teams under each manager; none from a warehouse
    without the marts (or whose strategy has no plans: the marts are then empty)."""
    if not all(wh.has(f"marts.{t}") for t in ALIGNMENT_MARTS):
        return AlignmentData()
    line_of_sight = by_key(wh.run("alignment_line_of_sight"), "version_id")
    if not line_of_sight:
        return AlignmentData()
    has_chain = "manager_chain" in wh.columns["marts.dim_reps"] and "is_seller" in wh.columns["marts.dim_reps"]
    teams: dict[Any, list[str]] = defaultdict(list)
    for r in wh.run("manager_teams") if has_chain else []:
        teams[r["manager_id"]].append(r["team"])
    return AlignmentData(
        line_of_sight=line_of_sight, rollup=by_key(wh.run("alignment_rollup"), "version_id"),
        plans=by_key(wh.run("alignment_plans"), "version_id") if wh.has("strategy.strategy_alignment_plans") else {},
        progress=by_key(wh.run("alignment_progress", params), "fiscal_quarter"),
        drops=by_key(wh.run("alignment_drops", params), "fiscal_quarter"), manager_teams=dict(teams))


def _coaching(wh: Warehouse, params: dict[str, Any]) -> CoachingData:
    if not wh.has("marts.fct_coaching"):
        return CoachingData()
    has_chain = "manager_chain" in wh.columns["marts.dim_reps"]
    return CoachingData(rows=by_key(wh.run("coaching", params), "rep_id"),
                        reps=wh.run("coaching_reps", params) if has_chain else [])


def _slugs(grain_rows: dict[str, dict[Any, list[Row]]], reps: list[Row],
           rep_lines: dict[Any, list[Row]], accounts: list[Row]) -> dict[str, dict[Any, str]]:
    """The slug of every entity page by grain: groups of the marts, the teams and lines the reps have, and the
    accounts (by id: two accounts may share a name)."""
    slugs: dict[str, dict[Any, str]] = {}
    for grain in GRAINS:
        names = set(grain_rows[grain])
        if grain == "team":  # the teams of the sellers (their roles today), active or not this quarter
            names |= {r["team"] for r in reps if r["team"] is not None}
        if grain == "product":
            names |= {ln["product_line"] for lines in rep_lines.values() for ln in lines}
        slugs[grain] = {n: slugify(n) for n in names if n is not None}
    slugs["account"] = {a["account_id"]: safe_id(a["account_id"]) for a in accounts}
    return slugs


def collect(wh: Warehouse, strategy: Strategy) -> SiteData:
    """Run every site query against the warehouse."""
    company = _quarters(wh, "fct_strategy_adherence_company", [])
    asof, company_row = _as_of(wh, strategy, company)
    q = {"q": asof.index}
    reps = wh.run("reps", q)
    rep_quarters = by_key(_quarters(wh, "fct_strategy_adherence_by_rep", ["rep_id"]), "rep_id")
    company_year = next(iter(_year_rows(wh, "fct_strategy_adherence_company_year", [])), None)
    fiscal_year = {"fy": str(company_year["fiscal_year"]) if company_year else ""}
    rep_lines = by_key(wh.run("rep_product_lines", {**q, **fiscal_year}), "rep_id")
    rep_accounts = by_key(wh.run("rep_accounts", q), "rep_id")
    group_reps = by_key(wh.run("group_reps", q), "grain")
    grain_rows: dict[str, dict[Any, list[Row]]] = {}
    for grain, g in GRAINS.items():
        rows = _quarters(wh, g.table, [g.key]) if wh.has(f"marts.{g.table}") else []
        grain_rows[grain] = by_key(rows, g.key)
    segment_accounts = by_key(wh.run("segment_accounts", q), "segment")
    red_by_quarter = wh.run("red_flags_by_quarter")
    red_by_type = wh.run("red_flags_by_type", q)
    has_pipeline = wh.has("marts.fct_pipeline")
    pipeline = PipelineData(lists=by_key(wh.run("pipeline_lists"), "list") if has_pipeline else None,
                            summary=wh.run("pipeline_summary") if has_pipeline else [])
    billing = _billing(wh)
    quality = _quality(wh)
    accounts = _accounts(wh, q)
    # a user with no bookings, pipeline or activities in any quarter (a CEO, a VP, an admin) is not a seller: no
    # page, no row in the reps index, and their role is not a team
    without_activity = sum(1 for r in reps if r["rep_id"] not in rep_quarters)
    reps = [r for r in reps if r["rep_id"] in rep_quarters]
    rep_slugs = {r["rep_id"]: safe_id(r["rep_id"]) for r in reps}
    slugs = _slugs(grain_rows, reps, rep_lines, accounts.accounts)
    org = _org(wh)
    slugs["manager"] = {m["manager_id"]: safe_id(m["manager_id"]) for m in org.managers}
    org = replace(org, managers=[{**m, "_href": _href(rep_slugs, slugs, "manager", m["manager_id"]),
                                  "_boss_href": _href(rep_slugs, slugs, "manager", m["reports_to_id"])}
                                 for m in org.managers])
    # every page's links to reps, their teams and managers (any shard renders any of them)
    reps = [{**r, "_href": _href(rep_slugs, slugs, "rep", r["rep_id"]),
             "_team_href": _href(rep_slugs, slugs, "team", r["team"]),
             "_manager_name": org.manager_of.get(r["rep_id"], {}).get("manager_name"),
             "_manager_href": _href(rep_slugs, slugs, "manager", org.manager_of.get(r["rep_id"], {}).get("manager_id"))}
            for r in reps]
    return SiteData(
        company=company, company_row=company_row, asof=asof, reps=reps, rep_quarters=rep_quarters,
        rep_lines=rep_lines, rep_accounts=rep_accounts, group_reps=group_reps, grain_rows=grain_rows,
        grain_columns={grain: set(wh.columns.get(f"marts.{g.table}", [])) for grain, g in GRAINS.items()},
        segment_accounts=segment_accounts, red_by_quarter=red_by_quarter, red_by_type=red_by_type,
        pipeline=pipeline, billing=billing, quality=quality, accounts=accounts, rep_slugs=rep_slugs, slugs=slugs,
        queries_run=wh.queries_run, users_without_activity=without_activity,
        partial_first_quarter=_partial_first_quarter(company, asof, strategy),
        company_year=company_year,
        rep_years={r["rep_id"]: r for r in _year_rows(wh, "fct_strategy_adherence_by_rep_year", ["rep_id"])},
        org=org, credit=_credit(wh, strategy, {**q, **fiscal_year}),
        alignment=_alignment(wh, q), coaching=_coaching(wh, q),
    )


def _year_rows(wh: Warehouse, table: str, keys: list[str]) -> list[Row]:
    """The as-of fiscal year's rows of a yearly mart; none from a warehouse built before the yearly marts."""
    return wh.run("as_of_year", table=table, keys=keys) if wh.has(f"marts.{table}") else []


def _partial_first_quarter(company: list[Row], asof: AsOf, strategy: Strategy) -> str | None:
    """The first quarter's label when the first booking came after its first day (and it is not the as-of one)."""
    if not company or asof.first_booking_date is None or company[0]["fiscal_quarter_index"] >= asof.index:
        return None
    bounds = fiscal_quarter_bounds_of_label(company[0]["fiscal_quarter"], strategy.fiscal_year_start_month)
    return company[0]["fiscal_quarter"] if bounds and asof.first_booking_date > bounds[0] else None
