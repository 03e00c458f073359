"""Monthly sales quotas (ForecastingQuota, Collaborative Forecasts) of the demo's sellers.

Each seller gets one quota per month of fiscal years FY2025 to FY2027 while employed (the whole of FY2027 for those
still employed: quotas are set for the year ahead), in the reporting currency:
their average monthly won bookings over the whole history, raised by 5-30% (a quota is a stretch) and rounded up to
$5,000. So some sellers reach their number and some do not, whatever their strategy.
"""

import numpy as np
import pyarrow as pa

from onstrategy.demo.accounts import Accounts
from onstrategy.demo.arrays import dates, datetime_strings, sf_ids
from onstrategy.demo.config import AS_OF_DAY, SECONDS_PER_DAY, START_DAY
from onstrategy.demo.fx import Rates
from onstrategy.demo.opportunities import Opportunities
from onstrategy.demo.reps import Org

QUOTA_KEY_PREFIX = "0J9"  # ForecastingQuota
FIRST_MONTH = np.datetime64("2024-02", "M")  # FY2025 starts
END_MONTH = np.datetime64("2027-02", "M")  # FY2027 ends (exclusive)
REPORTING_CURRENCY = "USD"
ROUND_TO = 5_000
MINIMUM_QUOTA = 10_000


def quota_table(org: Org, opps: Opportunities, accounts: Accounts, rates: Rates, rng: np.random.Generator) -> pa.Table:
    if opps.amount_cents is None:
        raise ValueError("price the opportunities (line_items.build_line_items) before their quotas")
    won = opps.is_won
    currency = accounts.currency[opps.account[won]]
    booked = opps.amount_cents[won] / 100 / rates.at(currency, opps.close_day[won])
    history_months = (AS_OF_DAY - START_DAY) / 30.44
    monthly = np.bincount(opps.rep[won], weights=booked, minlength=org.rep_count) / history_months
    stretch = rng.uniform(1.05, 1.30, org.rep_count)
    quota = np.maximum(np.ceil(monthly * stretch / ROUND_TO) * ROUND_TO, MINIMUM_QUOTA)

    months = np.arange(FIRST_MONTH, END_MONTH)
    month_days = months.astype("datetime64[D]").astype(np.int64)
    rep = np.repeat(np.arange(org.rep_count), len(months))
    start = np.tile(month_days, org.rep_count)
    # a seller still employed has the whole current fiscal year's quotas; one who left, quotas until they left
    employed = (start <= org.rep_end_day[rep]) | (org.rep_end_day[rep] >= AS_OF_DAY)
    rep, start = rep[employed], start[employed]
    n = len(rep)
    stamp = np.minimum(start, AS_OF_DAY - 1) * SECONDS_PER_DAY + rng.integers(8 * 3600, 18 * 3600, n)
    return pa.table({
        "Id": sf_ids(QUOTA_KEY_PREFIX, np.arange(1, n + 1)),
        "QuotaOwnerId": org.rep_ids().take(pa.array(rep)),
        "StartDate": dates(start),
        "QuotaAmount": pa.array(quota[rep]),
        "CurrencyIsoCode": pa.array([REPORTING_CURRENCY] * n),
        "IsDeleted": pa.array(np.zeros(n, dtype=bool)),
        "SystemModstamp": datetime_strings(stamp),
    })
