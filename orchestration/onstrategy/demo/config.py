"""Fixed dates, volumes per scale and random streams of the demo company."""

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

EPOCH = date(1970, 1, 1)


def day_number(d: date) -> int:
    """Days since 1970-01-01 (the day numbers used throughout the generator)."""
    return (d - EPOCH).days


START_DAY = day_number(date(2024, 2, 1))  # FY2025-Q1 starts; no record is older than this except accounts
AS_OF_DAY = day_number(date(2026, 11, 15))  # the fixed "today" of the demo (never the real clock)
AI_LAUNCH_DAY = day_number(date(2026, 2, 1))  # FY2027 starts; AI Copilot products go on sale
ACCOUNT_HISTORY_DAY = day_number(date(2018, 1, 1))  # accounts may have been created long before the data starts
FX_FIRST_MONTH = np.datetime64("2024-01", "M")
FX_END_MONTH = np.datetime64("2028-01", "M")  # DatedConversionRate covers every future close date
SECONDS_PER_DAY = 86400


@dataclass(frozen=True)
class Volumes:
    """Row targets for one scale. Counts scale linearly; the org keeps 5 team kinds at every scale."""

    scale: float
    reps: int
    teams_per_kind: int
    accounts: int
    opportunities: int
    tasks: int
    events: int

    @classmethod
    def for_scale(cls, scale: float) -> "Volumes":
        if not (isinstance(scale, int | float) and math.isfinite(scale) and scale > 0):
            raise ValueError(f"scale must be a positive number, got {scale!r}")
        return cls(
            scale=float(scale),
            reps=max(5, round(40 * scale)),
            # teams grow with the square root of the org: 5 teams up to scale 2, 50 teams of ~80 reps at scale 100
            teams_per_kind=max(1, round(math.sqrt(scale))),
            accounts=max(40, round(3000 * scale)),
            opportunities=max(150, round(15000 * scale)),
            tasks=max(300, round(100_000 * scale)),
            events=max(150, round(50_000 * scale)),
        )


# Independent random streams: each part of the data draws from its own generator, so changing one part never
# shifts the random numbers of another. Values are arbitrary but fixed forever (changing one changes the bytes).
STREAMS = {
    "org": 1, "fx": 2, "accounts": 3, "contacts": 4, "opportunities": 5, "line_items": 6, "contact_roles": 7,
    "tasks": 8, "events": 9, "stripe": 10, "names": 11, "quotas": 12,
}


def stream(seed: int, name: str, *extra: int) -> np.random.Generator:
    """The random generator of one part of the data (`extra` numbers a chunk of a chunked table)."""
    return np.random.default_rng([seed % 2**64, STREAMS[name], *extra])
