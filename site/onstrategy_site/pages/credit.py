"""Strategy credit (SPEC "Strategy credit and quota"): the page "If pay followed the strategy" and the credit tile of
the rep pages. The numbers are fct_strategy_credit_by_rep's (a year sums its quarters, queries/credit_by_rep.sql);
this module only picks, orders and words them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from onstrategy.strategy.schema import Version
from onstrategy_site.collect import Row
from onstrategy_site.formatting import to_float
from onstrategy_site.layout import CREDIT_PAGE
from onstrategy_site.metrics import CREDIT_PREDICATE_WORDS
from onstrategy_site.pages.common import PeriodBlock, quarter_blocks
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, CreditTile, Table, mcol

MOVERS = 10  # risers and fallers listed per period


@dataclass(frozen=True)
class Rule:
    words: str  # the predicate in words (executives read words, not the strategy.yml code)
    multiplier: float


@dataclass(frozen=True)
class VersionRules:
    version: Version
    version_id: int
    rules: list[Rule]
    budget_neutral: bool
    has_credit: bool  # False: the version has no `credit` key, credit equals bookings


@dataclass(frozen=True)
class CreditPeriod:
    """What the page shows for one period of the selector."""

    is_year: bool
    company: Row  # queries/credit_periods.sql: bookings, raw credit, credit, k
    versions: list[VersionRules]
    gained: int  # sellers who would rise in the ranking
    lost: int
    ranked: int
    top_riser: Row | None
    top_faller: Row | None
    risers: Table
    fallers: Table
    everyone: Table
    teams: Table


def version_rules(site: SiteRenderer, version_ids: str | None) -> list[VersionRules]:
    """The credit rules of each version whose booking lines a period holds (`version_ids`, comma-joined)."""
    out = []
    for text in (version_ids or "").split(","):
        version = site.strategy.version_by_id(int(text)) if text.strip().isdigit() else None
        if version is None:
            continue
        credit = version.credit
        rules = [Rule(CREDIT_PREDICATE_WORDS.get(r.when, r.when), r.multiplier)
                 for r in (credit.rules if credit else [])]
        out.append(VersionRules(version, int(text), rules, credit.budget_neutral if credit else True,
                                credit is not None))
    return out


def rules_note(site: SiteRenderer, period: Any) -> str:
    """A few words on the credit rules behind a period's credit: whose rules, or that credit equals bookings."""
    company = site.data.credit.periods.get(period)
    if company is None:
        return ""
    parts = [f"rules of the {v.version.name}" if v.rules
             else f"no credit rules in the {v.version.name}: credit = bookings"
             for v in version_rules(site, company.get("version_ids"))]
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def credit_tile(site: SiteRenderer, rep_id: Any, period: Any) -> CreditTile | None:
    """A seller's credit tile for a period; None when the seller has no credit row in it."""
    credit = site.data.credit
    row = credit.by_rep.get(rep_id, {}).get(period)
    if row is None:
        return None
    ranked = sum(1 for r in credit.reps.get(period, []) if r.get("bookings_rank") is not None)
    return CreditTile(row, ranked, rules_note(site, period))


def _rep_rows(site: SiteRenderer, period: Any) -> list[Row]:
    data = site.data
    return [{**r, "_href": data.href("rep", r["rep_id"]), "_team_href": data.href("team", r["team"]),
             "credit_minus_bookings": _gain(r)} for r in data.credit.reps.get(period, [])]


def _gain(r: Row) -> float | None:
    credit, bookings = to_float(r.get("strategy_credit")), to_float(r.get("bookings_amount"))
    return None if credit is None or bookings is None else credit - bookings


def _rep_columns(with_quota: bool) -> list[Column]:
    cols = [Column("rep_name", "Rep", link="_href"), mcol("rank_shift", delta=True),
            mcol("bookings_amount"), mcol("strategy_credit"),
            Column("credit_minus_bookings", "Credit − bookings", "money", metric="strategy_credit", delta=True),
            mcol("credit_ratio"), mcol("bookings_rank"), mcol("credit_rank"), Column("team", "Team", link="_team_href")]
    if with_quota:
        cols[-1:-1] = [mcol("quota"), mcol("attainment"), mcol("credit_attainment")]
    return cols


def _period(site: SiteRenderer, key: str, is_year: bool) -> CreditPeriod | None:
    credit = site.data.credit
    company = credit.periods.get(key)
    if company is None:
        return None
    rows = _rep_rows(site, key)
    ranked = [r for r in rows if r.get("rank_shift") is not None]
    risers = [r for r in ranked if r["rank_shift"] > 0][:MOVERS]  # the query orders by rank_shift descending
    fallers = sorted((r for r in ranked if r["rank_shift"] < 0),
                     key=lambda r: (r["rank_shift"], to_float(r.get("credit_ratio")) or 0, r["rep_id"]))[:MOVERS]
    with_quota = any(r.get("quota") is not None for r in rows)
    cols = _rep_columns(with_quota)
    slug = key.lower()
    team_rows = [{**t, "_href": site.data.href("team", t["team"])} for t in credit.teams.get(key, [])]
    teams = Table(f"credit-teams-{slug}", [
        Column("team", "Team", link="_href"), mcol("bookings_amount"), mcol("strategy_credit"),
        Column("credit_minus_bookings", "Credit − bookings", "money", metric="strategy_credit", delta=True),
        mcol("credit_ratio"), Column("share_of_bookings", "Share of bookings", "share"),
        Column("share_of_credit", "Share of credit", "share"), mcol("reps_selling")],
        team_rows, f"strategy-credit-teams-{key}", search=False, empty=f"No bookings in {key}.",
        totals={"bookings_amount": company["bookings_amount"], "strategy_credit": company["strategy_credit"]},
        totals_label="Company")
    return CreditPeriod(
        is_year=is_year, company=company, versions=version_rules(site, company.get("version_ids")),
        gained=sum(1 for r in ranked if r["rank_shift"] > 0), lost=sum(1 for r in ranked if r["rank_shift"] < 0),
        ranked=len(ranked), top_riser=risers[0] if risers else None, top_faller=fallers[0] if fallers else None,
        risers=Table(f"credit-risers-{slug}", cols, risers, f"strategy-credit-risers-{key}", search=False,
                     empty="Nobody would gain a place."),
        fallers=Table(f"credit-fallers-{slug}", cols, fallers, f"strategy-credit-fallers-{key}", search=False,
                      empty="Nobody would lose a place."),
        everyone=Table(f"credit-reps-{slug}", cols, rows, f"strategy-credit-reps-{key}",
                       empty=f"No sellers in {key}."),
        teams=teams)


def write_credit_page(site: SiteRenderer) -> None:
    """The page "If pay followed the strategy"; none from a warehouse without strategy credit."""
    if not site.data.credit.available:
        return
    blocks: list[PeriodBlock] = [
        b for b in quarter_blocks(site, lambda q: _period(site, q["fiscal_quarter"], False),
                                  lambda y: _period(site, str(y["fiscal_year"]), True)) if b.content is not None]
    if not blocks:
        return
    site.write(CREDIT_PAGE, "strategy_credit.md.j2", blocks=blocks, movers=MOVERS)
