"""The sales org: UserRole hierarchy, Users (CEO, VP Sales, one manager per team, reps) and rep archetypes.

Hierarchy: CEO <- VP Sales <- "<Team> Manager" <- "<Team>". A rep's team is its role name. There are 5 team
kinds (Enterprise East, Enterprise West, Mid-Market, Commercial, International); at scales above 2 each kind is
split into round(sqrt(scale)) teams ("Mid-Market", "Mid-Market 2", ...), so team size grows with sqrt(scale) too.
The org is at most a few thousand users, so plain Python is fine here.
"""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from onstrategy.demo import archetypes, words
from onstrategy.demo.arrays import datetime_strings, sf_ids
from onstrategy.demo.config import AS_OF_DAY, SECONDS_PER_DAY, START_DAY, Volumes

TEAM_KINDS = ("Enterprise East", "Enterprise West", "Mid-Market", "Commercial", "International")
ENTERPRISE_EAST, ENTERPRISE_WEST, MID_MARKET, COMMERCIAL, INTERNATIONAL = range(5)
EMAIL_DOMAIN = "northwind-analytics.com"


@dataclass
class Org:
    """Users and roles, plus per-rep arrays (index = rep ordinal) the other builders use."""

    roles: pa.Table
    users: pa.Table
    user_ids: pa.Array
    rep_user: np.ndarray  # index into users
    rep_team: np.ndarray  # team number
    rep_kind: np.ndarray  # team kind (TEAM_KINDS index)
    rep_arch: np.ndarray  # archetype code
    rep_end_day: np.ndarray  # last day the rep works (AS_OF_DAY for active reps)
    rep_weight: np.ndarray  # relative opportunity and activity volume
    team_names: list[str]

    @property
    def rep_count(self) -> int:
        return len(self.rep_user)

    def rep_ids(self) -> pa.Array:
        return self.user_ids.take(pa.array(self.rep_user))


def _team_names(teams_per_kind: int) -> list[str]:
    return [kind if group == 0 else f"{kind} {group + 1}" for group in range(teams_per_kind) for kind in TEAM_KINDS]


def _people(rng: np.random.Generator, count: int) -> tuple[list[str], list[str]]:
    """Unique names and emails for `count` users."""
    first = rng.integers(0, len(words.FIRST_NAMES), count)
    last = rng.integers(0, len(words.LAST_NAMES), count)
    names: list[str] = []
    emails: list[str] = []
    seen: dict[str, int] = {}
    for f, s in zip(first, last, strict=True):
        name = f"{words.FIRST_NAMES[f]} {words.LAST_NAMES[s]}"
        local = f"{words.ascii_slug(words.FIRST_NAMES[f])}.{words.ascii_slug(words.LAST_NAMES[s])}"
        n = seen.get(local, 0) + 1
        seen[local] = n
        emails.append(f"{local}{n if n > 1 else ''}@{EMAIL_DOMAIN}")
        names.append(name)
    return names, emails


def build_org(volumes: Volumes, rng: np.random.Generator) -> Org:
    """Roles, users and rep arrays for the scale."""
    team_names = _team_names(volumes.teams_per_kind)
    n_teams = len(team_names)
    n_reps = volumes.reps

    # Roles: 0 CEO, 1 VP Sales, then a manager role per team, then the team roles.
    role_names = ["CEO", "VP Sales"] + [f"{t} Manager" for t in team_names] + team_names
    role_parent: list[int | None] = [None, 0] + [1] * n_teams + [2 + t for t in range(n_teams)]
    role_ids = sf_ids("00E", np.arange(1, len(role_names) + 1))
    parent_ids = pa.array([None if p is None else role_ids[p].as_py() for p in role_parent], type=pa.string())
    role_stamp = datetime_strings(np.full(len(role_names), (START_DAY - 400) * SECONDS_PER_DAY + 9 * 3600))
    roles = pa.table({"Id": role_ids, "Name": pa.array(role_names), "ParentRoleId": parent_ids,
                      "SystemModstamp": role_stamp})

    # Users: 0 CEO, 1 VP Sales, 2.. managers (one per team), then reps.
    rep_ordinal = np.arange(n_reps)
    rep_team = rep_ordinal % n_teams
    rep_kind = rep_team % len(TEAM_KINDS)
    rep_arch = archetypes.archetype_of_ordinal(rep_ordinal)
    n_users = 2 + n_teams + n_reps
    names, emails = _people(rng, n_users)
    user_role = np.concatenate([[0, 1], 2 + np.arange(n_teams), 2 + n_teams + rep_team])
    manager = np.concatenate([[-1, 0], np.ones(n_teams, dtype=int), 2 + rep_team])
    titles = ["Chief Executive Officer", "VP Sales"] + [f"Sales Manager, {t}" for t in team_names]
    title_pick = rng.integers(0, 12, n_reps)
    for ordinal in range(n_reps):
        enterprise = rep_kind[ordinal] in (ENTERPRISE_EAST, ENTERPRISE_WEST)
        pool = words.ENTERPRISE_REP_TITLES if enterprise else words.REP_TITLES
        titles.append(pool[title_pick[ordinal] % len(pool)])

    # A few reps left the company (IsActive false): every 13th rep in orgs bigger than the minimum.
    left = (rep_ordinal % 13 == 12) & (n_reps > 5)
    rep_end_day = np.where(left, rng.integers(START_DAY + 400, AS_OF_DAY - 60, n_reps), AS_OF_DAY)
    is_active = np.concatenate([np.ones(2 + n_teams, dtype=bool), ~left])
    tenure = (rep_end_day - START_DAY) / (AS_OF_DAY - START_DAY)
    rep_weight = archetypes.OPPORTUNITY_WEIGHT[rep_arch] * tenure * rng.uniform(0.8, 1.2, n_reps)

    user_ids = sf_ids("005", np.arange(1, n_users + 1))
    manager_ids = user_ids.take(pa.array(np.where(manager < 0, 0, manager)))
    manager_ids = pa.array([None if m < 0 else v for m, v in zip(manager, manager_ids.to_pylist(), strict=True)],
                           type=pa.string())
    stamp_day = np.concatenate([np.full(2 + n_teams, START_DAY - 200), np.minimum(rep_end_day + 1, AS_OF_DAY)])
    users = pa.table({
        "Id": user_ids,
        "Name": pa.array(names),
        "Email": pa.array(emails),
        "IsActive": pa.array(is_active),
        "UserRoleId": role_ids.take(pa.array(user_role)),
        "ManagerId": manager_ids,
        "Title": pa.array(titles),
        "Department": pa.array(["Executive", "Sales"] + ["Sales"] * (n_teams + n_reps)),
        "SystemModstamp": datetime_strings(stamp_day * SECONDS_PER_DAY + rng.integers(8 * 3600, 18 * 3600, n_users)),
    })
    return Org(roles=roles, users=users, user_ids=user_ids, rep_user=2 + n_teams + rep_ordinal, rep_team=rep_team,
               rep_kind=rep_kind, rep_arch=rep_arch, rep_end_day=rep_end_day, rep_weight=rep_weight,
               team_names=team_names)


def rep_archetypes(scale: float = 1.0, seed: int = 42) -> dict[str, str]:
    """Salesforce User Id -> archetype name of every rep of the demo org (for tests and docs)."""
    from onstrategy.demo.config import stream

    org = build_org(Volumes.for_scale(scale), stream(seed, "org"))
    rep_ids = org.rep_ids().to_pylist()
    return {rep_id: archetypes.NAMES[code] for rep_id, code in zip(rep_ids, org.rep_arch, strict=True)}
