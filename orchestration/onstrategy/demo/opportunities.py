"""Opportunities: owner, account, dates, stage and outcome (amounts come from the line items).

Each opportunity is drawn for a rep (volume by archetype and tenure), on one of the rep's own accounts (see
`Accounts.pick_owned`), created between FY2025-Q1 and the as-of date with volume growing ~60% over the period, a
sales cycle of 20-180 days by account size, closed (won at the archetype's win rate, else lost) when the cycle ends
before the as-of date, otherwise open in a stage with a close date after it.
"""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from onstrategy.demo import archetypes, exception_stories, words
from onstrategy.demo.accounts import CURRENCIES, LARGE, MID, SMALL, Accounts
from onstrategy.demo.arrays import dates, datetime_strings, join, money, sf_ids, vocab
from onstrategy.demo.config import AI_LAUNCH_DAY, AS_OF_DAY, SECONDS_PER_DAY, START_DAY, Volumes
from onstrategy.demo.reps import Org

STAGES = ("Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Proposal", "Negotiation",
          "Closed Won", "Closed Lost")
PROBABILITY = np.array([10, 20, 30, 50, 65, 80, 100, 0])
FORECAST = ("Pipeline", "Pipeline", "Pipeline", "Pipeline", "Best Case", "Commit", "Closed", "Omitted")
OPEN_STAGE_WEIGHTS = np.array([0.22, 0.20, 0.17, 0.15, 0.14, 0.12])
WON, LOST = 6, 7
CYCLE_DAYS = {SMALL: (20, 60), MID: (30, 120), LARGE: (60, 180)}
GROWTH = 0.6  # opportunity creation rate rises by this fraction from the first to the last day


@dataclass
class Opportunities:
    """Opportunity arrays, in Id order (= creation order)."""

    rep: np.ndarray
    account: np.ndarray
    created_ts: np.ndarray  # Unix seconds
    close_day: np.ndarray
    stage: np.ndarray  # index into STAGES
    lead_source: np.ndarray
    amount_cents: np.ndarray | None = None  # set by line_items.price_opportunities

    def __len__(self) -> int:
        return len(self.rep)

    @property
    def created_day(self) -> np.ndarray:
        return self.created_ts // SECONDS_PER_DAY

    @property
    def is_won(self) -> np.ndarray:
        return self.stage == WON

    @property
    def is_closed(self) -> np.ndarray:
        return self.stage >= WON


def _growing_uniform(u: np.ndarray) -> np.ndarray:
    """Inverse CDF of the density (1 + g*x) / (1 + g/2) on [0, 1]: more records late than early."""
    return (np.sqrt(1.0 + GROWTH * (2.0 + GROWTH) * u) - 1.0) / GROWTH


def build_opportunities(volumes: Volumes, org: Org, accounts: Accounts, rng: np.random.Generator) -> Opportunities:
    n = volumes.opportunities
    rep = rng.choice(org.rep_count, size=n, p=org.rep_weight / org.rep_weight.sum())
    arch = org.rep_arch[rep]
    account = accounts.pick_owned(rep, arch, rng)

    last_day = np.maximum(org.rep_end_day[rep] - 30, START_DAY + 60)
    created_day = START_DAY + (_growing_uniform(rng.random(n)) * (last_day - START_DAY)).astype(np.int64)
    created_day = np.minimum(created_day, AS_OF_DAY - 1)
    size = accounts.size[account]
    lo = np.select([size == SMALL, size == MID], [CYCLE_DAYS[SMALL][0], CYCLE_DAYS[MID][0]], CYCLE_DAYS[LARGE][0])
    hi = np.select([size == SMALL, size == MID], [CYCLE_DAYS[SMALL][1], CYCLE_DAYS[MID][1]], CYCLE_DAYS[LARGE][1])
    cycle = lo + ((hi - lo) * rng.beta(2.0, 2.0, n)).astype(np.int64)
    close_day = created_day + cycle
    closed = close_day <= AS_OF_DAY
    won = closed & (rng.random(n) < archetypes.WIN_RATE[arch])
    # Lost deals often die early.
    lost_cycle = np.maximum(20, (cycle * rng.uniform(0.5, 1.0, n)).astype(np.int64))
    close_day = np.where(closed & ~won, created_day + lost_cycle, close_day)
    open_stage = rng.choice(len(OPEN_STAGE_WEIGHTS), size=n, p=OPEN_STAGE_WEIGHTS)
    stage = np.where(won, WON, np.where(closed, LOST, open_stage))

    taken = _book_target_accounts(rep, account, close_day, stage, org, accounts, volumes, rng)
    like_story_accounts = (accounts.size[account] == MID) & ~accounts.is_icp[account] & ~accounts.is_target[account]
    exception_stories.book_story_accounts(account, close_day, (stage == WON) & like_story_accounts, taken, rng)

    created_ts = created_day * SECONDS_PER_DAY + rng.integers(7 * 3600, 19 * 3600, n)
    lead_source = rng.choice(len(words.LEAD_SOURCES), size=n, p=[0.3, 0.25, 0.12, 0.13, 0.1, 0.1])
    order = np.argsort(created_ts, kind="stable")
    rep, account, created_ts, close_day, stage, lead_source = (
        rep[order], account[order], created_ts[order], close_day[order], stage[order], lead_source[order])
    exception_stories.make_long_term_opportunity(account, close_day, stage, rep, *_long_term_home(org, accounts),
                                                 won_stage=WON)
    return Opportunities(rep=rep, account=account, created_ts=created_ts, close_day=close_day, stage=stage,
                         lead_source=lead_source)


def _long_term_home(org: Org, accounts: Accounts) -> tuple[int, int]:
    """The account and rep of the long-term opportunity: the first Mid-Market account (outside every ICP segment)
    that no other story uses and whose owner works through the as-of date."""
    rows = np.arange(len(accounts))
    candidates = np.flatnonzero((accounts.size == MID) & ~accounts.is_icp & ~accounts.is_target
                                & (rows >= 2 + len(exception_stories.STORY_ACCOUNT_ROWS))
                                & (org.rep_end_day[accounts.owner] >= AS_OF_DAY))
    row = int(candidates[0]) if len(candidates) else len(accounts) - 1
    return row, int(accounts.owner[row])


def _book_target_accounts(rep: np.ndarray, account: np.ndarray, close_day: np.ndarray, stage: np.ndarray,
                          org: Org, accounts: Accounts, volumes: Volumes, rng: np.random.Generator) -> np.ndarray:
    """Move a few deals won by strategy followers in FY2027 onto the two target accounts (in place), so the named
    accounts of the FY2027 plan have bookings. Falls back to any won deal, then to lost ones made won. Returns the
    deals moved."""
    per_target = max(2, min(12, round(4 * volumes.scale)))
    arch = org.rep_arch[rep]
    in_fy2027 = close_day >= AI_LAUNCH_DAY
    pools = [
        np.flatnonzero((stage == WON) & in_fy2027 & (arch == archetypes.FOLLOWER)),
        np.flatnonzero((stage == WON) & in_fy2027),
        np.flatnonzero(stage == WON),
        np.flatnonzero((stage == LOST) & in_fy2027),
    ]
    chosen: list[int] = []
    for pool in pools:
        pool = np.setdiff1d(pool, chosen)
        need = 2 * per_target - len(chosen)
        if need <= 0:
            break
        chosen.extend(rng.permutation(pool)[:need].tolist())
    picked = np.array(sorted(chosen), dtype=np.int64)
    stage[picked] = WON
    target_rows = np.flatnonzero(accounts.is_target)
    account[picked] = target_rows[np.arange(len(picked)) % len(target_rows)]
    return picked


def opportunity_table(opps: Opportunities, org: Org, accounts: Accounts, rng: np.random.Generator) -> pa.Table:
    """The Opportunity export."""
    n = len(opps)
    won = opps.is_won
    first_won = np.full(len(accounts), np.iinfo(np.int64).max)
    np.minimum.at(first_won, opps.account[won], opps.close_day[won])
    existing = first_won[opps.account] < opps.created_day
    closed = opps.is_closed
    stamp_day = np.where(closed, np.minimum(opps.close_day + rng.integers(0, 3, n), AS_OF_DAY),
                         AS_OF_DAY - rng.integers(0, 30, n))
    stamp = np.maximum(stamp_day * SECONDS_PER_DAY + rng.integers(7 * 3600, 20 * 3600, n), opps.created_ts + 60)
    close_month = opps.close_day.astype("datetime64[D]").astype("datetime64[M]")
    month_labels = np.arange(np.datetime64("2024-01"), np.datetime64("2028-12")).astype(str).tolist()
    month_index = (close_month - np.datetime64("2024-01", "M")).astype(np.int64)
    motion = vocab(["New Business", "Expansion"], existing.astype(np.int64))
    if opps.amount_cents is None:
        raise ValueError("price the opportunities (line_items.build_line_items) before writing them")
    return pa.table({
        "Id": sf_ids("006", np.arange(1, n + 1)),
        "AccountId": accounts.ids.take(pa.array(opps.account)),
        "OwnerId": org.rep_ids().take(pa.array(opps.rep)),
        "Name": join(accounts.names.take(pa.array(opps.account)), " - ", motion, " ", vocab(month_labels, month_index)),
        "Type": vocab(["New Customer", "Existing Customer - Upgrade"], existing.astype(np.int64)),
        "LeadSource": vocab(words.LEAD_SOURCES, opps.lead_source),
        "StageName": vocab(STAGES, opps.stage),
        "ForecastCategoryName": vocab(FORECAST, opps.stage),
        "Probability": pa.array(PROBABILITY[opps.stage]),
        "Amount": money(opps.amount_cents),
        "CurrencyIsoCode": vocab(CURRENCIES, accounts.currency[opps.account]),
        "CloseDate": dates(opps.close_day),
        "IsClosed": pa.array(closed),
        "IsWon": pa.array(won),
        "CreatedDate": datetime_strings(opps.created_ts),
        "IsDeleted": pa.array(np.zeros(n, dtype=bool)),
        "SystemModstamp": datetime_strings(stamp),
    })
