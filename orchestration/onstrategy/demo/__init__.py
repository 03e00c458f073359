"""Deterministic, vectorized demo landing zone for Northwind Analytics (the company of `strategy.yml`).

`generate_landing_zone(out_dir, scale=1.0, seed=42)` writes `salesforce/<Object>.csv` (Bulk API CSV) and
`stripe/<object>.jsonl` (Stripe API objects) and returns the rows written per file. Same scale and seed, same bytes;
nothing reads the clock: the data covers FY2025-Q1 (2024-02-01) to the fixed as-of date 2026-11-15, and open
opportunities close after it.

Volumes at scale 1 (linear in scale; minimums keep tiny scales usable): 40 reps in 5 teams (plus CEO, VP Sales and
one manager per team), 3,000 accounts (~10% ICP), ~10,000 contacts, 15,000 opportunities, ~47,000 line items,
~22,000 contact roles, 100,000 tasks, 50,000 events, and ~5,600 Stripe subscriptions with ~16,000 invoices. Reps =
max(5, round(40 * scale)); teams = 5 x round(sqrt(scale)) above scale 2.

The story (see `archetypes.py`): reps follow one of five archetypes, dealt round-robin so every team has a mix:
- strategy follower: ICP accounts, balanced mix incl. Analytics and, after the 2026-02-01 launch, AI Copilot;
  many new logos; primary contacts are Economic Buyers and Finance Leaders;
- comfort-zone seller: ~95% Core to a few accounts it knows (low product balance);
- off-ICP opportunist: small and mid non-ICP accounts, Legacy on-prem too (red flags: low on-strategy share);
- new-logo hunter: many accounts, mostly first wins;
- account farmer: few accounts, repeat expansion deals, few new logos.
The two target accounts of the FY2027 plan (Technology, Mid-Market) exist and get won deals. Non-ICP Stripe
subscriptions churn about four times faster than ICP ones.
"""

from onstrategy.demo.generate import generate_landing_zone
from onstrategy.demo.reps import rep_archetypes

__all__ = ["generate_landing_zone", "rep_archetypes"]
