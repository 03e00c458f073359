"""The strategy's references to landing-zone records, checked before a run: an exception must name an opportunity
or account that exists in the landing zone and is not deleted (SPEC "Justified off-strategy business"); an
alignment plan's team must be a team (a role some user holds) and its approver a manager (a user another user
names as ManagerId), by name or Id (SPEC "Sales alignment plans").

A record's current version follows the input contract's upsert rule (the highest SystemModstamp wins; ties go to
the later batch, then the later line), so an Id whose newest version has IsDeleted = true is deleted.
"""

from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from onstrategy.ingest.contracts import SALESFORCE_OBJECTS, SourceObject
from onstrategy.ingest.salesforce_ids import to_18
from onstrategy.strategy.schema import Strategy

# field of an exception -> the Salesforce object its Id names
EXCEPTION_ID_OBJECTS = {"opportunity_id": "Opportunity", "account_id": "Account"}


@dataclass(frozen=True)
class ReferenceProblem:
    loc: tuple[str | int, ...]
    message: str


# the columns each check reads: only Id is required, so a file the ingest will refuse for another column (with its
# own message, naming every file and column at fault) does not fail here first
READ_COLUMNS = {"Opportunity": ("IsDeleted", "SystemModstamp"), "Account": ("IsDeleted", "SystemModstamp"),
                "User": ("Name", "UserRoleId", "ManagerId", "SystemModstamp"), "UserRole": ("Name", "SystemModstamp")}


def _object(name: str) -> SourceObject:
    obj = next(obj for obj in SALESFORCE_OBJECTS if obj.name == name)
    return replace(obj, required_columns=("Id",), optional_columns=READ_COLUMNS[name])


def _read(con: duckdb.DuckDBPyConnection, landing: Path, obj: SourceObject) -> bool:
    """Read the object's landing files into its raw table; False when they cannot be read (a missing file, a
    missing Id column, a malformed CSV): the ingest then fails on them with the message that names the fault."""
    from onstrategy.errors import OnstrategyError
    from onstrategy.ingest.loader import read_object

    try:
        read_object(con, landing, obj)
    except OnstrategyError:
        return False
    return True


def _current_versions(con: duckdb.DuckDBPyConnection, obj: SourceObject, ids: list[str]) -> dict[str, tuple]:
    """Id -> (is_deleted, source_file, source_line) of the newest version of each of `ids` found in the raw table."""
    rows = con.execute(f"""
        select "Id", coalesce(lower(trim("IsDeleted")) in ('true', '1'), false), _source_file, _source_line
        from {obj.qualified_table}
        where "Id" in (select unnest(?::varchar[]))
        qualify row_number() over (
            partition by "Id"
            order by try_cast(trim("SystemModstamp") as timestamptz) desc nulls last, _batch_rank desc,
                     _source_line desc
        ) = 1
    """, [ids]).fetchall()
    return {record_id: (deleted, source_file, line) for record_id, deleted, source_file, line in rows}


_NEWEST_FIRST = ('try_cast(trim("SystemModstamp") as timestamptz) desc nulls last, _batch_rank desc, '
                 '_source_line desc')


def _teams_and_managers(con: duckdb.DuckDBPyConnection) -> tuple[list[str], dict[str, str]]:
    """The landing zone's teams (role names some user holds) and managers (Id and name -> name)."""
    users = f"""
        select * from {_object("User").qualified_table}
        qualify row_number() over (partition by "Id" order by {_NEWEST_FIRST}) = 1"""
    roles = f"""
        select * from {_object("UserRole").qualified_table}
        qualify row_number() over (partition by "Id" order by {_NEWEST_FIRST}) = 1"""
    teams = [name for (name,) in con.execute(f"""
        select distinct trim(roles."Name") from ({users}) as users
        inner join ({roles}) as roles on roles."Id" = users."UserRoleId"
        where trim(roles."Name") <> '' order by 1""").fetchall()]
    managers: dict[str, str] = {}
    for record_id, name in con.execute(f"""
            select managers."Id", trim(managers."Name") from ({users}) as managers
            where managers."Id" in (select "ManagerId" from ({users}) where "ManagerId" is not null)
            order by 2""").fetchall():
        managers[record_id] = managers[name] = name
    return teams, managers


def _plan_problems(strategy: Strategy, con: duckdb.DuckDBPyConnection, landing: Path) -> list[ReferenceProblem]:
    problems: list[ReferenceProblem] = []
    if not any(version.alignment_plans for version in strategy.versions):
        return problems
    if not all([_read(con, landing, _object(name)) for name in ("User", "UserRole")]):
        return problems
    teams, managers = _teams_and_managers(con)
    manager_names = sorted(set(managers.values()))
    for v, version in enumerate(strategy.versions):
        for p, plan in enumerate(version.alignment_plans):
            loc = ("versions", v, "alignment_plans", p)
            if plan.team not in teams:
                problems.append(ReferenceProblem((*loc, "team"), f"{plan.team!r} is not a team of the landing zone "
                                                                 f"(a UserRole name a user holds); teams: "
                                                                 f"{', '.join(teams) or 'none'}"))
            approver = plan.approved_by.strip()
            if approver not in managers and to_18(approver) not in managers:
                problems.append(ReferenceProblem((*loc, "approved_by"), f"{approver!r} is not a manager of the landing "
                                                 f"zone (a user another user names as ManagerId), by name or Id; "
                                                 f"managers: {', '.join(manager_names) or 'none'}"))
    return problems


def reference_problems(strategy: Strategy, landing: Path) -> list[ReferenceProblem]:
    """Every exception whose opportunity or account is unknown to the landing zone, or deleted there; every
    alignment plan whose team is not a team there, or whose approver is not a manager. An object whose files cannot
    be read is not checked: the ingest refuses them, with its own message."""
    wanted: dict[str, list[tuple[int, str, str]]] = {}
    for index, exception in enumerate(strategy.exceptions):
        for field, object_name in EXCEPTION_ID_OBJECTS.items():
            record_id = getattr(exception, field)
            if record_id is not None:
                wanted.setdefault(object_name, []).append((index, field, record_id))
    problems: list[ReferenceProblem] = []
    if not wanted and not any(version.alignment_plans for version in strategy.versions):
        return problems  # the landing zone is not read at all
    with duckdb.connect(":memory:") as con:
        problems += _plan_problems(strategy, con, landing)
        for object_name, references in wanted.items():
            obj = _object(object_name)
            if not _read(con, landing, obj):
                continue
            found = _current_versions(con, obj, sorted({record_id for _, _, record_id in references}))
            for index, field, record_id in references:
                loc = ("exceptions", index, field)
                if record_id not in found:
                    problems.append(ReferenceProblem(loc, f"{record_id}: no {object_name} with this Id in the "
                                                          f"landing zone {landing}"))
                elif found[record_id][0]:
                    _, source_file, line = found[record_id]
                    where = f"IsDeleted on record {line} of {source_file}"
                    problems.append(ReferenceProblem(loc, f"{record_id}: this {object_name} is deleted in the "
                                                          f"landing zone ({where})"))
    return problems
