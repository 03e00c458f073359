"""Contacts (people at accounts, with titles that give buyer personas) and opportunity contact roles.

Contact names, emails and phones are personal data: realistic on purpose, so that a leak into the site would show.
"""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from onstrategy.demo import archetypes, words
from onstrategy.demo.accounts import COUNTRY_CODES, LARGE, MID, SMALL, Accounts
from onstrategy.demo.arrays import datetime_strings, digits, fixed_concat, join, sf_ids, vocab, with_nulls
from onstrategy.demo.config import AS_OF_DAY, SECONDS_PER_DAY
from onstrategy.demo.opportunities import Opportunities
from onstrategy.demo.reps import Org

EXTRA_CONTACTS = {SMALL: 1.0, MID: 2.3, LARGE: 4.5}  # Poisson mean of contacts beyond the first
CANDIDATES = 6  # contacts considered per opportunity; the archetype's preferred personas win
ROLE_COUNT_WEIGHTS = (0.45, 0.35, 0.20)  # 1, 2 or 3 contact roles
NO_PRIMARY_RATE = 0.05
EXECUTIVE_SPONSOR_RATE = 0.5
JP = COUNTRY_CODES.index("JP")


@dataclass
class Contacts:
    """Contact arrays, grouped by account (account order)."""

    account: np.ndarray
    persona: np.ndarray  # index into archetypes.PERSONAS
    title: np.ndarray  # index into the flat title list
    start: np.ndarray  # per account: first contact
    count: np.ndarray  # per account: number of contacts

    def __len__(self) -> int:
        return len(self.account)


def _flat_titles() -> tuple[list[str | None], np.ndarray, np.ndarray]:
    titles: list[str | None] = []
    starts, counts = [], []
    for pool in words.TITLES_BY_PERSONA:
        starts.append(len(titles))
        counts.append(len(pool))
        titles.extend(t or None for t in pool)
    return titles, np.array(starts), np.array(counts)


TITLES, TITLE_START, TITLE_COUNT = _flat_titles()


def build_contacts(accounts: Accounts, rng: np.random.Generator) -> Contacts:
    size = accounts.size
    extra = np.select([size == SMALL, size == MID], [EXTRA_CONTACTS[SMALL], EXTRA_CONTACTS[MID]],
                      EXTRA_CONTACTS[LARGE])
    count = 1 + rng.poisson(extra)
    count[accounts.is_target] = np.maximum(count[accounts.is_target], 4)
    account = np.repeat(np.arange(len(accounts)), count)
    n = len(account)
    persona = rng.choice(len(archetypes.PERSONAS), size=n, p=np.array(words.PERSONA_WEIGHTS))
    start = np.concatenate([[0], np.cumsum(count)[:-1]])
    # Half of the accounts have an executive sponsor on record (their first contact): the Economic Buyer or the
    # Finance Leader a strategy follower looks for.
    sponsor = start[rng.random(len(accounts)) < EXECUTIVE_SPONSOR_RATE]
    persona[sponsor] = rng.integers(0, 2, len(sponsor))  # 0 Economic Buyer, 1 Finance Leader
    title = TITLE_START[persona] + (rng.random(n) * TITLE_COUNT[persona]).astype(np.int64)
    return Contacts(account=account, persona=persona, title=title, start=start, count=count)


def contact_table(contacts: Contacts, accounts: Accounts, rng: np.random.Generator) -> pa.Table:
    """The Contact export: names by country, email first.last@<account domain>, phone with the country code."""
    n = len(contacts)
    japanese = accounts.country[contacts.account] == JP
    first_names = list(words.FIRST_NAMES) + list(words.JP_FIRST_NAMES)
    last_names = list(words.LAST_NAMES) + list(words.JP_LAST_NAMES)
    first = np.where(japanese, len(words.FIRST_NAMES) + rng.integers(0, len(words.JP_FIRST_NAMES), n),
                     rng.integers(0, len(words.FIRST_NAMES), n))
    last = np.where(japanese, len(words.LAST_NAMES) + rng.integers(0, len(words.JP_LAST_NAMES), n),
                    rng.integers(0, len(words.LAST_NAMES), n))
    domain = accounts.domains.take(pa.array(contacts.account))
    email = join(vocab([words.ascii_slug(f) for f in first_names], first), ".",
                 vocab([words.ascii_slug(s) for s in last_names], last), "@", domain)
    dial = vocab([c[3] + " " for c in words.COUNTRIES], accounts.country[contacts.account])
    number = digits(rng.integers(0, 10**10, n), 10)
    phone = join(dial, fixed_concat([number[:, :3], b" ", number[:, 3:6], b" ", number[:, 6:]], rows=n))
    created_day = np.minimum(accounts.created_day[contacts.account] + rng.integers(0, 700, n), AS_OF_DAY - 1)
    created = created_day * SECONDS_PER_DAY + rng.integers(7 * 3600, 19 * 3600, n)
    stamp = np.maximum(created, AS_OF_DAY * SECONDS_PER_DAY - rng.integers(SECONDS_PER_DAY, 500 * SECONDS_PER_DAY, n))
    return pa.table({
        "Id": sf_ids("003", np.arange(1, n + 1)),
        "AccountId": accounts.ids.take(pa.array(contacts.account)),
        "FirstName": vocab(first_names, first),
        "LastName": vocab(last_names, last),
        "Title": vocab(TITLES, contacts.title),
        "Email": with_nulls(email, rng.random(n) < 0.02),
        "Phone": with_nulls(phone, rng.random(n) < 0.10),
        "CreatedDate": datetime_strings(created),
        "IsDeleted": pa.array(np.zeros(n, dtype=bool)),
        "SystemModstamp": datetime_strings(stamp),
    })


def contact_role_table(opps: Opportunities, contacts: Contacts, org: Org, rng: np.random.Generator) -> pa.Table:
    """OpportunityContactRole: 1-3 contacts of the deal's account, the archetype's favourite persona first.

    Candidates are drawn from the account's contacts and ranked by persona preference with Gumbel noise (so a
    persona is chosen with probability proportional to the preference); duplicates are dropped. The best-ranked is
    the primary contact, except for ~5% of deals that have no primary.
    """
    n = len(opps)
    start = contacts.start[opps.account][:, None]
    count = contacts.count[opps.account][:, None]
    candidate = start + (rng.random((n, CANDIDATES)) * count).astype(np.int64)
    preference = archetypes.PERSONA_PREFERENCE[org.rep_arch[opps.rep][:, None], contacts.persona[candidate]]
    score = np.log(preference) + rng.gumbel(size=(n, CANDIDATES))
    ranked = np.take_along_axis(candidate, np.argsort(-score, axis=1, kind="stable"), axis=1)
    duplicate = np.zeros_like(ranked, dtype=bool)
    for j in range(1, CANDIDATES):
        duplicate[:, j] = (ranked[:, :j] == ranked[:, j:j + 1]).any(axis=1)
    roles = 1 + rng.choice(len(ROLE_COUNT_WEIGHTS), size=n, p=np.array(ROLE_COUNT_WEIGHTS))
    keep = (np.arange(CANDIDATES)[None, :] < roles[:, None]) & ~duplicate
    has_primary = rng.random(n) >= NO_PRIMARY_RATE
    rank = np.broadcast_to(np.arange(CANDIDATES), (n, CANDIDATES))
    opp_index = np.broadcast_to(np.arange(n)[:, None], (n, CANDIDATES))

    contact = ranked[keep]
    opp = opp_index[keep]
    is_primary = (rank[keep] == 0) & has_primary[opp]
    persona = contacts.persona[contact]
    role_cumulative = np.cumsum(np.array(words.ROLE_WEIGHTS_BY_PERSONA), axis=1)[persona]
    role = np.minimum((rng.random(len(contact))[:, None] >= role_cumulative).sum(axis=1), len(words.ROLES) - 1)
    # Later-ranked roles are added later, so without a primary the earliest-created one is the best-ranked.
    created = opps.created_ts[opp] + rank[keep] * 3600 * 24 + rng.integers(60, 3600, len(contact))
    created = np.minimum(created, AS_OF_DAY * SECONDS_PER_DAY + 12 * 3600)
    m = len(contact)
    return pa.table({
        "Id": sf_ids("00K", np.arange(1, m + 1)),
        "OpportunityId": sf_ids("006", opp + 1),
        "ContactId": sf_ids("003", contact + 1),
        "Role": vocab(words.ROLES, role),
        "IsPrimary": pa.array(is_primary),
        "CreatedDate": datetime_strings(created),
        "IsDeleted": pa.array(np.zeros(m, dtype=bool)),
        "SystemModstamp": datetime_strings(created + 60),
    })
