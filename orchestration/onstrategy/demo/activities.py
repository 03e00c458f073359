"""Tasks and Events, generated and written in chunks (15 million rows at scale 100).

An activity belongs to one of the owner's opportunities (60%: dated within the deal's life, on its account), to one
of the owner's accounts (38%: prospecting and account care) or to nothing (2%). How it is recorded varies like a real
org: most carry AccountId (and WhatId = the deal or the account, or empty), ~20% only a WhatId pointing to the
Account (001...) or the Opportunity (006...), and the unattached ones neither. Reps spend their time where their
accounts are, so off-ICP opportunists show a low ICP time share.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from onstrategy.demo import words
from onstrategy.demo.accounts import Accounts
from onstrategy.demo.arrays import dates, datetime_strings, sf_ids, vocab, with_nulls
from onstrategy.demo.config import AS_OF_DAY, SECONDS_PER_DAY, START_DAY, stream
from onstrategy.demo.opportunities import Opportunities
from onstrategy.demo.reps import Org

CHUNK_ROWS = 1_000_000  # fixed: the chunking is part of what makes the output deterministic
ON_OPPORTUNITY, ON_ACCOUNT = 0.60, 0.38  # the rest: no account, no deal
WHAT_ONLY_RATE = 0.20  # among attached activities: AccountId empty, WhatId set
TASK_STATUSES = ("Completed", "Not Started", "In Progress")
DURATIONS = np.array([15, 30, 45, 60, 90, 120, 180, 240])
DURATION_WEIGHTS = np.array([0.05, 0.25, 0.10, 0.30, 0.12, 0.10, 0.05, 0.03])
FUTURE_DAYS = 21  # scheduled activities may lie up to this many days after the as-of date


@dataclass(frozen=True)
class ActivityContext:
    """What activities are drawn from: the org, accounts and opportunities grouped by owner."""

    org: Org
    accounts: Accounts
    opps: Opportunities
    account_ids: pa.Array
    rep_ids: pa.Array
    opp_by_rep: np.ndarray
    opp_start: np.ndarray
    opp_count: np.ndarray

    @classmethod
    def build(cls, org: Org, accounts: Accounts, opps: Opportunities) -> "ActivityContext":
        order = np.argsort(opps.rep, kind="stable")
        count = np.bincount(opps.rep, minlength=org.rep_count)
        return cls(org=org, accounts=accounts, opps=opps, account_ids=accounts.ids, rep_ids=org.rep_ids(),
                   opp_by_rep=order, opp_start=np.concatenate([[0], np.cumsum(count)[:-1]]), opp_count=count)


def _draw(ctx: ActivityContext, n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Owner, account, deal, date and the AccountId/WhatId pattern of n activities."""
    org, opps = ctx.org, ctx.opps
    rep = rng.choice(org.rep_count, size=n, p=org.rep_weight / org.rep_weight.sum())
    kind_draw = rng.random(n)
    on_opp = (kind_draw < ON_OPPORTUNITY) & (ctx.opp_count[rep] > 0)
    on_account = ~on_opp & (kind_draw < ON_OPPORTUNITY + ON_ACCOUNT)
    pick = (rng.random(n) * ctx.opp_count[rep]).astype(np.int64)
    opp = np.where(on_opp, ctx.opp_by_rep[np.minimum(ctx.opp_start[rep] + pick, len(opps) - 1)], -1)
    safe_opp = np.maximum(opp, 0)
    account = np.where(on_opp, opps.account[safe_opp],
                       ctx.accounts.pick_owned(rep, org.rep_arch[rep], rng))
    account = np.where(on_opp | on_account, account, -1)

    deal_start = opps.created_day[safe_opp]
    deal_end = np.minimum(opps.close_day[safe_opp], AS_OF_DAY + FUTURE_DAYS)
    rep_end = np.minimum(org.rep_end_day[rep], AS_OF_DAY + FUTURE_DAYS)
    lo = np.where(on_opp, deal_start, START_DAY)
    hi = np.where(on_opp, deal_end, rep_end)
    day = lo + (rng.random(n) * (hi - lo + 1)).astype(np.int64)
    day = np.minimum(day, AS_OF_DAY + FUTURE_DAYS)

    what_only = rng.random(n) < WHAT_ONLY_RATE
    what_style = rng.random(n)  # with AccountId: WhatId = deal (if any), the account (30%) or empty
    return {"rep": rep, "on_opp": on_opp, "on_account": on_account, "opp": opp, "account": account, "day": day,
            "what_only": what_only, "what_style": what_style}


def _ids_columns(ctx: ActivityContext, d: dict[str, np.ndarray]) -> tuple[pa.Array, pa.Array, pa.Array]:
    attached = d["account"] >= 0
    account_col = ctx.account_ids.take(pa.array(np.maximum(d["account"], 0)))
    opp_col = sf_ids("006", np.maximum(d["opp"], 0) + 1)
    what_is_opp = d["on_opp"] & ((d["what_style"] < 0.7) | d["what_only"])
    what_is_account = attached & ~what_is_opp & (d["what_only"] | (d["what_style"] < 0.3))
    what = pa.array(np.where(what_is_opp, 1, np.where(what_is_account, 2, 0)))
    what_col = pc.case_when(pc.make_struct(pc.equal(what, 1), pc.equal(what, 2)), opp_col, account_col)
    account_col = with_nulls(account_col, ~attached | d["what_only"])
    return ctx.rep_ids.take(pa.array(d["rep"])), account_col, what_col


def _stamps(day: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    n = len(day)
    created_day = np.maximum(day - rng.integers(0, 10, n), START_DAY)
    created_day = np.minimum(created_day, AS_OF_DAY)
    created = created_day * SECONDS_PER_DAY + rng.integers(7 * 3600, 19 * 3600, n)
    stamp_day = np.minimum(np.maximum(day, created_day), AS_OF_DAY)
    stamp = np.maximum(stamp_day * SECONDS_PER_DAY + rng.integers(7 * 3600, 20 * 3600, n), created)
    return created, stamp


def task_batches(ctx: ActivityContext, total: int, seed: int) -> Iterator[pa.Table]:
    """The Task export in chunks."""
    for chunk, first in enumerate(range(0, total, CHUNK_ROWS)):
        n = min(CHUNK_ROWS, total - first)
        rng = stream(seed, "tasks", chunk)
        d = _draw(ctx, n, rng)
        owner, account, what = _ids_columns(ctx, d)
        future = d["day"] > AS_OF_DAY
        status = rng.choice(3, size=n, p=[0.86, 0.07, 0.07])
        status = np.where(future, 1 + (rng.random(n) < 0.3), status)
        subject = rng.integers(0, len(words.TASK_SUBJECTS), n)
        created, stamp = _stamps(d["day"], rng)
        yield pa.table({
            "Id": sf_ids("00T", np.arange(first + 1, first + n + 1)),
            "OwnerId": owner,
            "AccountId": account,
            "WhatId": what,
            "Subject": vocab(words.TASK_SUBJECTS, subject),
            "Type": vocab(words.TASK_TYPES, subject),
            "Status": vocab(TASK_STATUSES, status),
            "ActivityDate": dates(d["day"]),
            "CreatedDate": datetime_strings(created),
            "IsDeleted": pa.array(np.zeros(n, dtype=bool)),
            "SystemModstamp": datetime_strings(stamp),
        })


def event_batches(ctx: ActivityContext, total: int, seed: int) -> Iterator[pa.Table]:
    """The Event export in chunks."""
    for chunk, first in enumerate(range(0, total, CHUNK_ROWS)):
        n = min(CHUNK_ROWS, total - first)
        rng = stream(seed, "events", chunk)
        d = _draw(ctx, n, rng)
        owner, account, what = _ids_columns(ctx, d)
        subject = rng.integers(0, len(words.EVENT_SUBJECTS), n)
        duration = DURATIONS[rng.choice(len(DURATIONS), size=n, p=DURATION_WEIGHTS)]
        created, stamp = _stamps(d["day"], rng)
        yield pa.table({
            "Id": sf_ids("00U", np.arange(first + 1, first + n + 1)),
            "OwnerId": owner,
            "AccountId": account,
            "WhatId": what,
            "Subject": vocab(words.EVENT_SUBJECTS, subject),
            "Type": vocab(["Meeting"], np.zeros(n, dtype=np.int64)),
            "ActivityDate": dates(d["day"]),
            "DurationInMinutes": pa.array(duration),
            "CreatedDate": datetime_strings(created),
            "IsDeleted": pa.array(np.zeros(n, dtype=bool)),
            "SystemModstamp": datetime_strings(stamp),
        })
