"""Monthly exchange rates (DatedConversionRate): units of each currency per 1 USD, a random walk per currency."""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from onstrategy.demo.accounts import CURRENCIES
from onstrategy.demo.arrays import dates, sf_ids
from onstrategy.demo.config import AS_OF_DAY, FX_END_MONTH, FX_FIRST_MONTH

BASE_RATES = {"USD": 1.0, "EUR": 0.92, "GBP": 0.79, "JPY": 150.0, "CAD": 1.36, "AUD": 1.52}
ZERO_DECIMAL = {"JPY"}  # Stripe minor unit = the yen itself


@dataclass(frozen=True)
class Rates:
    """rates[currency, month] for months FX_FIRST_MONTH .. FX_END_MONTH (exclusive)."""

    rates: np.ndarray

    def at(self, currency: np.ndarray, day: np.ndarray) -> np.ndarray:
        """The rate of each currency (index into CURRENCIES) on each day number."""
        month = np.asarray(day).astype("datetime64[D]").astype("datetime64[M]")
        index = np.clip((month - FX_FIRST_MONTH).astype(np.int64), 0, self.rates.shape[1] - 1)
        return self.rates[currency, index]


def build_rates(rng: np.random.Generator) -> Rates:
    months = int((FX_END_MONTH - FX_FIRST_MONTH).astype(np.int64))
    steps = rng.normal(0.0, 0.015, size=(len(CURRENCIES), months))
    steps[:, 0] = 0.0
    base = np.array([BASE_RATES[c] for c in CURRENCIES])
    rates = base[:, None] * np.exp(np.cumsum(steps, axis=1))
    rates[CURRENCIES.index("USD"), :] = 1.0
    # 6 significant digits, as Salesforce shows them
    magnitude = 10.0 ** (5 - np.floor(np.log10(rates)))
    return Rates(rates=np.round(rates * magnitude) / magnitude)


OPEN_END_DAY = np.datetime64("9999-12-31", "D").astype(np.int64)
AS_OF_MONTH = np.datetime64(AS_OF_DAY, "D").astype("datetime64[M]")


def rate_table(rates: Rates) -> pa.Table:
    """The DatedConversionRate export: one row per currency and month up to the as-of month, whose period, the
    current one, is open-ended (`NextStartDate = 9999-12-31`, as Salesforce writes it): deals closing later are
    converted at today's rate, as in a real org, which has no rates for future months."""
    n_cur = rates.rates.shape[0]
    n_months = int((AS_OF_MONTH - FX_FIRST_MONTH).astype(np.int64)) + 1
    month = np.tile(np.arange(n_months), n_cur)
    currency = np.repeat(np.arange(n_cur), n_months)
    start = (FX_FIRST_MONTH + month).astype("datetime64[D]").astype(np.int64)
    end = (FX_FIRST_MONTH + month + 1).astype("datetime64[D]").astype(np.int64)
    end = np.where(month == n_months - 1, OPEN_END_DAY, end)
    return pa.table({
        "Id": sf_ids("04w", np.arange(1, n_cur * n_months + 1)),
        "IsoCode": pa.array([CURRENCIES[c] for c in currency]),
        "ConversionRate": pa.array(rates.rates[currency, month]),
        "StartDate": dates(start),
        "NextStartDate": dates(end),
    })
