"""The demo's justified off-strategy business: the records the demo strategy's `exceptions` name (SPEC "Justified
off-strategy business"), made to exist with the same Ids at every scale and seed.

- A long-term opportunity: the first opportunity ever created (`006000000000001AAA`) stays open for two years and is
  won in FY2027-Q2 on a Mid-Market account, off strategy; a leader approved it as a long-term bet.
- A leverage contact: the Mid-Market account `0010000000LEV01` (its buyer is a reference for the retail ICP) has
  FY2027 wins, approved for the whole account with no end date.
- An expired exception: the Mid-Market account `0010000000EXP01` was approved for FY2026 only; its wins after the
  expiry date count as easy or unjustified again.
"""

from datetime import date

import numpy as np

from onstrategy.demo.config import AI_LAUNCH_DAY, AS_OF_DAY, day_number
from onstrategy.ingest.salesforce_ids import to_18

LONG_TERM_OPPORTUNITY_ID = "006000000000001AAA"  # sf_ids("006", [1]): the first opportunity created
LONG_TERM_CLOSE_DAY = day_number(date(2026, 6, 18))  # FY2027-Q2
LEVERAGE_ACCOUNT_ID = to_18("0010000000LEV01")
EXPIRED_ACCOUNT_ID = to_18("0010000000EXP01")
STORY_ACCOUNT_IDS = (LEVERAGE_ACCOUNT_ID, EXPIRED_ACCOUNT_ID)
STORY_ACCOUNT_ROWS = (2, 3)  # right after the two target accounts
STORY_ACCOUNT_EMPLOYEES = (380, 640)  # Mid-Market, Manufacturing: outside every ICP segment
EXPIRED_ON_DAY = day_number(date(2026, 5, 1))  # the expired exception's expires_on (strategy.yml)
WINS_PER_STORY_ACCOUNT = 3


def book_story_accounts(account: np.ndarray, close_day: np.ndarray, movable: np.ndarray, taken: np.ndarray,
                        rng: np.random.Generator) -> None:
    """Move a few FY2027 wins onto each story account (in place); for the expired one, wins after its expiry.
    `movable`: the wins that may move (on accounts like the story ones, so their size fits); `taken`: those
    already moved onto target accounts, left where they are."""
    windows = {STORY_ACCOUNT_ROWS[0]: (AI_LAUNCH_DAY, AS_OF_DAY), STORY_ACCOUNT_ROWS[1]: (EXPIRED_ON_DAY, AS_OF_DAY)}
    chosen = np.zeros(len(account), dtype=bool)
    chosen[taken] = True
    for row, (first_day, last_day) in windows.items():
        pool = np.flatnonzero(movable & (close_day >= first_day) & (close_day <= last_day) & ~chosen)
        picked = rng.permutation(pool)[:WINS_PER_STORY_ACCOUNT]
        account[picked] = row
        chosen[picked] = True


def make_long_term_opportunity(account: np.ndarray, close_day: np.ndarray, stage: np.ndarray, rep: np.ndarray,
                               long_term_account: int, owner: int, won_stage: int) -> None:
    """Turn the first-created opportunity (index 0, in creation order) into the long-term win (in place): won on
    LONG_TERM_CLOSE_DAY on `long_term_account` (non-ICP) by its owner (a rep active through the as-of date)."""
    stage[0] = won_stage
    close_day[0] = LONG_TERM_CLOSE_DAY
    rep[0] = owner
    account[0] = long_term_account
