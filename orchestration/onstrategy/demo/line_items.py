"""Opportunity line items and the opportunity Amount they add up to.

The product family of each line follows the owner's archetype (archetypes.FAMILY_WEIGHTS); AI Copilot lines exist
only for deals closing on or after the launch (2026-02-01) and ramp up linearly over the following year. Prices are
annual list prices in USD, converted at the close month's rate and discounted up to 25%; all money is integer cents
(whole yen for JPY), so `TotalPrice = Quantity * UnitPrice` and `Amount = sum(TotalPrice)` hold exactly.
"""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from onstrategy.demo import archetypes
from onstrategy.demo.accounts import CURRENCIES, LARGE, MID, SMALL, Accounts
from onstrategy.demo.arrays import datetime_strings, money, sf_ids
from onstrategy.demo.config import AI_LAUNCH_DAY, AS_OF_DAY, SECONDS_PER_DAY
from onstrategy.demo.fx import Rates
from onstrategy.demo.opportunities import WON, Opportunities
from onstrategy.demo.products import Products
from onstrategy.demo.reps import Org

EXTRA_LINES = {SMALL: 1.1, MID: 1.9, LARGE: 2.6}  # Poisson mean of lines beyond the first
EXTRA_QUANTITY = {SMALL: 0.2, MID: 0.8, LARGE: 1.8}  # Poisson mean of units beyond the first
MAX_LINES = 6
AI_RAMP_DAYS = 365
JPY = CURRENCIES.index("JPY")


@dataclass
class LineItems:
    """Line-item arrays, grouped by opportunity (opportunity order)."""

    opportunity: np.ndarray
    product: np.ndarray
    quantity: np.ndarray
    unit_cents: np.ndarray

    def __len__(self) -> int:
        return len(self.opportunity)

    @property
    def total_cents(self) -> np.ndarray:
        return self.quantity * self.unit_cents


def _by_size(size: np.ndarray, values: dict[int, float]) -> np.ndarray:
    return np.select([size == SMALL, size == MID], [values[SMALL], values[MID]], values[LARGE])


def _round_price(local: np.ndarray, currency: np.ndarray) -> np.ndarray:
    """Integer cents of a local-currency amount: whole yen for JPY, cents otherwise."""
    return np.where(currency == JPY, np.round(local) * 100, np.round(local * 100)).astype(np.int64)


def build_line_items(opps: Opportunities, org: Org, accounts: Accounts, products: Products, rates: Rates,
                     rng: np.random.Generator) -> LineItems:
    """Line items of every opportunity; also sets `opps.amount_cents`."""
    n = len(opps)
    size = accounts.size[opps.account]
    arch = org.rep_arch[opps.rep]
    currency = accounts.currency[opps.account]
    # ~3% of deals carry an Amount without products; early-stage open deals more often.
    no_lines_rate = np.where(opps.stage <= 1, 0.20, 0.03)
    has_lines = rng.random(n) >= no_lines_rate
    count = np.where(has_lines, np.minimum(1 + rng.poisson(_by_size(size, EXTRA_LINES)), MAX_LINES), 0)
    opp = np.repeat(np.arange(n), count)
    m = len(opp)

    # Family per line: archetype weights, AI ramping in after launch, Legacy cut by strategy followers.
    close = opps.close_day[opp]
    line_arch = arch[opp]
    weights = archetypes.FAMILY_WEIGHTS[line_arch].copy()
    ramp = np.clip((close - AI_LAUNCH_DAY) / AI_RAMP_DAYS, 0.0, 1.0)
    weights[:, archetypes.AI] = archetypes.AI_WEIGHT[line_arch] * ramp
    after_launch = close >= AI_LAUNCH_DAY
    weights[:, archetypes.LEGACY] *= np.where(after_launch, archetypes.LEGACY_AFTER_LAUNCH[line_arch], 1.0)
    cumulative = np.cumsum(weights, axis=1)
    draw = rng.random(m) * cumulative[:, -1]
    family = np.minimum((draw[:, None] >= cumulative).sum(axis=1), len(archetypes.FAMILIES) - 1)
    product = products.family_start[family] + (rng.random(m) * products.family_count[family]).astype(np.int64)

    quantity = 1 + rng.poisson(_by_size(size[opp], EXTRA_QUANTITY) * archetypes.DEAL_SIZE[line_arch])
    discount = np.round(rng.uniform(0.0, 0.25, m) * 200) / 200
    line_currency = currency[opp]
    local_price = products.list_price_usd[product] * rates.at(line_currency, close) * (1.0 - discount)
    unit_cents = _round_price(local_price, line_currency)
    lines = LineItems(opportunity=opp, product=product, quantity=quantity.astype(np.int64), unit_cents=unit_cents)

    # Amount: the sum of the lines; deals without lines get an estimate of the same order.
    # float64 sums of integer cents are exact below 2**53 cents
    amount = np.round(np.bincount(opp, weights=lines.total_cents, minlength=n)).astype(np.int64)
    base_usd = _by_size(size, {SMALL: 15_000.0, MID: 40_000.0, LARGE: 110_000.0}) * archetypes.DEAL_SIZE[arch]
    estimate = base_usd * np.exp(rng.normal(0.0, 0.4, n)) * rates.at(currency, opps.close_day)
    estimate_cents = _round_price(np.round(estimate, -2), currency)
    opps.amount_cents = np.where(count > 0, amount, estimate_cents)
    return lines


def line_item_table(lines: LineItems, opps: Opportunities, products: Products, rng: np.random.Generator) -> pa.Table:
    """The OpportunityLineItem export."""
    m = len(lines)
    created = opps.created_ts[lines.opportunity] + rng.integers(60, 3 * SECONDS_PER_DAY, m)
    created = np.minimum(created, AS_OF_DAY * SECONDS_PER_DAY + 12 * 3600)
    won = opps.stage[lines.opportunity] == WON
    close_ts = opps.close_day[lines.opportunity] * SECONDS_PER_DAY + 17 * 3600
    stamp = np.maximum(np.where(won, close_ts, created), created)
    return pa.table({
        "Id": sf_ids("00k", np.arange(1, m + 1)),
        "OpportunityId": sf_ids("006", lines.opportunity + 1),
        "Product2Id": products.ids.take(pa.array(lines.product)),
        "Quantity": pa.array(lines.quantity),
        "UnitPrice": money(lines.unit_cents),
        "TotalPrice": money(lines.total_cents),
        "CreatedDate": datetime_strings(created),
        "IsDeleted": pa.array(np.zeros(m, dtype=bool)),
        "SystemModstamp": datetime_strings(stamp),
    })
