"""Accounts: firmographics, unique names and web domains, territory and owner rep.

About 10% of accounts are ICP (Retail/Apparel/Banking/Insurance with >= 1000 employees). Owners are drawn per
account with weight = territory fit x the rep archetype's appetite for the account class x the archetype's
capacity, so strategy followers own most ICP accounts and off-ICP opportunists almost none.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from onstrategy.demo import archetypes, words
from onstrategy.demo.arrays import datetime_strings, join, sf_ids, vocab, with_nulls
from onstrategy.demo.config import ACCOUNT_HISTORY_DAY, AS_OF_DAY, SECONDS_PER_DAY, Volumes
from onstrategy.demo.exception_stories import STORY_ACCOUNT_EMPLOYEES, STORY_ACCOUNT_IDS, STORY_ACCOUNT_ROWS
from onstrategy.demo.reps import COMMERCIAL, ENTERPRISE_EAST, ENTERPRISE_WEST, INTERNATIONAL, MID_MARKET, Org
from onstrategy.ingest.salesforce_ids import to_18

# the two named accounts of the FY2027 plan (strategy.yml lists the first in its 15-character form, as a report
# exports it, and the second in its 18-character form)
TARGET_ACCOUNT_IDS = (to_18("0010000000TGT01"), to_18("0010000000TGT02"))
TARGET_ACCOUNT_NAMES = ("Vantage Point Systems", "Helio Data Works")
TARGET_ACCOUNT_EMPLOYEES = (450, 720)  # Mid-Market, Technology: outside every ICP segment
OUT_OF_TERRITORY = 0.12  # relative weight of a rep for an account outside its team's territory

SMALL, MID, LARGE = range(3)
NA_EAST, NA_WEST, INTERNATIONAL_REGION = range(3)
COUNTRY_CODES = tuple(c[0] for c in words.COUNTRIES)
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CAD", "AUD")
COUNTRY_CURRENCY = np.array([CURRENCIES.index(c[2]) for c in words.COUNTRIES])


@dataclass
class Accounts:
    """Account attributes (numpy, index = account number - 1) and their string columns."""

    ids: pa.Array
    names: pa.Array
    domains: pa.Array  # "bluestoneretail.com" (what Website normalizes to)
    websites: pa.Array
    industry: np.ndarray  # index into words.INDUSTRIES, -1 = NULL
    employees: np.ndarray  # -1 = NULL
    country: np.ndarray  # index into words.COUNTRIES
    state: pa.Array
    currency: np.ndarray  # index into CURRENCIES
    size: np.ndarray
    is_icp: np.ndarray  # by the FY2025 and FY2027 segment rules (target accounts excluded)
    is_target: np.ndarray
    annual_revenue: np.ndarray  # USD, -1 = NULL
    created_day: np.ndarray
    owner: np.ndarray  # rep ordinal
    owned_order: np.ndarray  # account indices sorted by owner
    owned_start: np.ndarray  # per rep: first position in owned_order
    owned_count: np.ndarray  # per rep: number of accounts owned

    def __len__(self) -> int:
        return len(self.owner)

    def pick_owned(self, rep: np.ndarray, arch: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """An account owned by each given rep, as its archetype works them (archetypes.FOCUS and SKEW): the rep's
        biggest accounts first. A rep without accounts picks any account."""
        u = rng.random(len(rep))
        count = self.owned_count[rep]
        worked = np.maximum(np.ceil(count * archetypes.FOCUS[arch]), 1)
        pos = np.minimum((worked * u ** archetypes.SKEW[arch]).astype(np.int64), np.maximum(count - 1, 0))
        fallback = (u * len(self)).astype(np.int64)
        return np.where(count > 0, self.owned_order[np.minimum(self.owned_start[rep] + pos, len(self) - 1)], fallback)


def _unique_names(rng: np.random.Generator, industry: np.ndarray, country: np.ndarray) -> tuple[pa.Array, pa.Array]:
    """Company names and web-domain slugs, unique: (stem, industry word, legal form) drawn without replacement per
    industry; the rare leftover clash (same legal form text in two countries) gets a number appended."""
    stems = list(dict.fromkeys([h + t for h in words.STEM_HEADS for t in words.STEM_TAILS])) + list(
        words.SPECIAL_STEMS)
    n_words, n_legal = 8, 8
    n = len(industry)
    stem_idx = np.zeros(n, dtype=np.int64)
    word_idx = np.zeros(n, dtype=np.int64)
    legal_idx = np.zeros(n, dtype=np.int64)
    space = len(stems) * n_words * n_legal
    for ind in range(len(words.INDUSTRIES)):
        rows = np.flatnonzero(np.maximum(industry, 0) == ind)
        # Beyond the space (scale > ~500), allow repeats; the dedup step below numbers them.
        combo = rng.choice(space, size=len(rows), replace=len(rows) > space)
        stem_idx[rows] = combo // (n_words * n_legal)
        word_idx[rows] = ind * n_words + combo // n_legal % n_words
        legal_idx[rows] = country[rows] * n_legal + combo % n_legal
    # Every landing zone, however small, has names that exercise quoting and encoding: the special stems go to the
    # first accounts after the two target accounts.
    special = np.arange(2, min(n, 2 + len(words.SPECIAL_STEMS)))
    stem_idx[special] = len(stems) - len(words.SPECIAL_STEMS) + np.arange(len(special))
    word_list = [w for ind in words.INDUSTRIES for w in words.INDUSTRY_WORDS[ind]]
    legal_list = [("" if f == "" else " " + f) for code in COUNTRY_CODES for f in words.LEGAL_FORMS[code]]
    names = join(vocab(stems, stem_idx), " ", vocab(word_list, word_idx), vocab(legal_list, legal_idx))
    slugs = join(vocab([words.ascii_slug(s) for s in stems], stem_idx),
                 vocab([words.ascii_slug(w) for w in word_list], word_idx),
                 vocab([words.ascii_slug(f) for f in legal_list], legal_idx))
    return _dedupe(names, " "), _dedupe(slugs, "")


def _dedupe(values: pa.Array, separator: str) -> pa.Array:
    """Append " 2", " 3"... to the second and later copies of a value (vectorized)."""
    frame = pd.Series(values.to_numpy(zero_copy_only=False))
    rank = frame.groupby(frame, sort=False).cumcount().to_numpy()
    if not (rank > 0).any():
        return values
    suffix = np.where(rank > 0, np.char.add(separator, (rank + 1).astype(str)), "")
    return join(values, pa.array(suffix))


def _territory_kind(size: np.ndarray, region: np.ndarray) -> np.ndarray:
    """The team kind whose territory an account is in."""
    kind = np.where(size == LARGE, np.where(region == NA_WEST, ENTERPRISE_WEST, ENTERPRISE_EAST),
                    np.where(size == MID, MID_MARKET, COMMERCIAL))
    return np.where(region == INTERNATIONAL_REGION, INTERNATIONAL, kind)


def build_accounts(volumes: Volumes, org: Org, rng: np.random.Generator) -> Accounts:
    """Accounts with owners; the first two are the strategy's target accounts, the next two the accounts its
    exceptions name (onstrategy.demo.exception_stories)."""
    n = volumes.accounts
    industry = rng.choice(len(words.INDUSTRIES), size=n, p=np.array(words.INDUSTRY_WEIGHTS))
    employees = np.clip(np.exp(rng.normal(np.log(350), 1.8, n)), 10, 50_000)
    employees = np.where(employees >= 100, np.round(employees, -1), np.round(employees)).astype(np.int64)
    country = rng.choice(len(words.COUNTRIES), size=n, p=np.array([c[1] for c in words.COUNTRIES]))
    west = rng.random(n) < 0.4
    # The two target accounts: Technology, Mid-Market, US, one per coast.
    industry[:2] = words.INDUSTRIES.index("Technology")
    employees[:2] = TARGET_ACCOUNT_EMPLOYEES
    story = list(STORY_ACCOUNT_ROWS)  # the accounts the demo strategy's exceptions name
    industry[story] = words.INDUSTRIES.index("Manufacturing")
    employees[story] = STORY_ACCOUNT_EMPLOYEES
    country[:2] = COUNTRY_CODES.index("US")
    west[:2] = (False, True)
    names, slugs = _unique_names(rng, industry, country)
    names = pa.concat_arrays([pa.array(TARGET_ACCOUNT_NAMES), names.slice(2)])
    slugs = pa.concat_arrays([pa.array([words.ascii_slug(s) for s in TARGET_ACCOUNT_NAMES]), slugs.slice(2)])
    domains = join(slugs, vocab([c[4] for c in words.COUNTRIES], country))

    # A few records with unknown industry or size (they fall in no or a size-free segment).
    industry = np.where(rng.random(n) < 0.01, -1, industry)
    employees = np.where(rng.random(n) < 0.01, -1, employees)
    industry[:2] = words.INDUSTRIES.index("Technology")
    employees[:2] = TARGET_ACCOUNT_EMPLOYEES

    size = np.where(employees >= 1000, LARGE, np.where(employees >= 200, MID, SMALL))
    size = np.where(employees < 0, SMALL, size)
    icp_industry = np.isin(industry, [words.INDUSTRIES.index(i) for i in words.ICP_INDUSTRIES])
    is_icp = icp_industry & (employees >= 1000)
    is_target = np.zeros(n, dtype=bool)
    is_target[:2] = True
    na = np.isin(country, [COUNTRY_CODES.index("US"), COUNTRY_CODES.index("CA")])
    region = np.where(na, np.where(west, NA_WEST, NA_EAST), INTERNATIONAL_REGION)
    us = country == COUNTRY_CODES.index("US")
    state_east = rng.integers(0, len(words.US_STATES_EAST), n)
    state_west = rng.integers(0, len(words.US_STATES_WEST), n)
    states = list(words.US_STATES_EAST) + list(words.US_STATES_WEST)
    state = with_nulls(vocab(states, np.where(west, len(words.US_STATES_EAST) + state_west, state_east)), ~us)

    # Owners: per (account class, territory) group, draw reps with the archetype-and-territory weights.
    account_class = np.where(is_icp | is_target, archetypes.ICP,
                             np.where(size == LARGE, archetypes.LARGE,
                                      np.where(size == MID, archetypes.MID, archetypes.SMALL)))
    territory = _territory_kind(size, region)
    owner = np.zeros(n, dtype=np.int64)
    for cls in range(4):
        for kind in range(5):
            rows = np.flatnonzero((account_class == cls) & (territory == kind))
            if len(rows) == 0:
                continue
            weight = (archetypes.CLASS_AFFINITY[org.rep_arch, cls] * archetypes.CAPACITY[org.rep_arch]
                      * np.where(org.rep_kind == kind, 1.0, OUT_OF_TERRITORY))
            owner[rows] = rng.choice(org.rep_count, size=len(rows), p=weight / weight.sum())
    followers = np.flatnonzero(org.rep_arch == archetypes.FOLLOWER)
    owner[0] = followers[0]
    owner[1] = followers[min(1, len(followers) - 1)]
    # Each rep's accounts biggest first: a concentrated rep keeps selling to its largest customers.
    owned_order = np.lexsort((-employees, owner))
    owned_count = np.bincount(owner, minlength=org.rep_count)
    owned_start = np.concatenate([[0], np.cumsum(owned_count)[:-1]])

    revenue_per_employee = np.exp(rng.normal(np.log(180_000), 0.5, n))
    annual_revenue = np.round(np.maximum(employees, 1) * revenue_per_employee, -3).astype(np.int64)
    annual_revenue = np.where((rng.random(n) < 0.03) | (employees < 0), -1, annual_revenue)
    created_day = rng.integers(ACCOUNT_HISTORY_DAY, AS_OF_DAY - 30, n)

    website_style = rng.choice(4, size=n, p=[0.85, 0.07, 0.05, 0.03])
    prefix = vocab(["https://www.", "http://", "www.", "https://www."], website_style)
    suffix = vocab(["", "", "/", "/en-us/home"], website_style)
    websites = with_nulls(join(prefix, domains, suffix), (rng.random(n) < 0.02) & ~is_target)

    ids = sf_ids("001", np.arange(1, n + 1))
    ids = pa.concat_arrays([pa.array(TARGET_ACCOUNT_IDS + STORY_ACCOUNT_IDS), ids.slice(4)])
    return Accounts(ids=ids, names=names, domains=domains, websites=websites, industry=industry,
                    employees=employees, country=country, state=state, currency=COUNTRY_CURRENCY[country], size=size,
                    is_icp=is_icp, is_target=is_target, annual_revenue=annual_revenue, created_day=created_day,
                    owner=owner, owned_order=owned_order, owned_start=owned_start, owned_count=owned_count)


def account_table(accounts: Accounts, org: Org, first_opportunity_day: np.ndarray, is_customer: np.ndarray,
                  rng: np.random.Generator) -> pa.Table:
    """The Account export; CreatedDate falls before the account's first opportunity."""
    n = len(accounts)
    created = np.minimum(accounts.created_day, first_opportunity_day - rng.integers(1, 120, n))
    created = np.maximum(created, ACCOUNT_HISTORY_DAY)
    created_ts = created * SECONDS_PER_DAY + rng.integers(7 * 3600, 19 * 3600, n)
    age = rng.integers(SECONDS_PER_DAY, 400 * SECONDS_PER_DAY, n)
    stamp = np.maximum(created_ts, AS_OF_DAY * SECONDS_PER_DAY - age)
    return pa.table({
        "Id": accounts.ids,
        "Name": accounts.names,
        "Type": vocab(["Prospect", "Customer"], is_customer.astype(np.int64)),
        "Website": accounts.websites,
        "Industry": with_nulls(vocab(words.INDUSTRIES, np.maximum(accounts.industry, 0)), accounts.industry < 0),
        "NumberOfEmployees": pa.array(accounts.employees, mask=accounts.employees < 0),
        "AnnualRevenue": pa.array(accounts.annual_revenue, mask=accounts.annual_revenue < 0),
        "BillingCountry": vocab(COUNTRY_CODES, accounts.country),
        "BillingState": accounts.state,
        "OwnerId": org.rep_ids().take(pa.array(accounts.owner)),
        "CreatedDate": datetime_strings(created_ts),
        "IsDeleted": pa.array(np.zeros(n, dtype=bool)),
        "SystemModstamp": datetime_strings(stamp),
    })
