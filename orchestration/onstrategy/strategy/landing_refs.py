"""The strategy's references to landing-zone records, checked before a run: an exception must name an opportunity
or account that exists in the landing zone and is not deleted (SPEC "Justified off-strategy business").

A record's current version follows the input contract's upsert rule (the highest SystemModstamp wins; ties go to
the later batch, then the later line), so an Id whose newest version has IsDeleted = true is deleted.
"""

from dataclasses import dataclass
from pathlib import Path

import duckdb

from onstrategy.ingest.contracts import SALESFORCE_OBJECTS, SourceObject
from onstrategy.strategy.schema import Strategy

# field of an exception -> the Salesforce object its Id names
EXCEPTION_ID_OBJECTS = {"opportunity_id": "Opportunity", "account_id": "Account"}


@dataclass(frozen=True)
class ReferenceProblem:
    loc: tuple[str | int, ...]
    message: str


def _object(name: str) -> SourceObject:
    return next(obj for obj in SALESFORCE_OBJECTS if obj.name == name)


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


def reference_problems(strategy: Strategy, landing: Path) -> list[ReferenceProblem]:
    """Every exception whose opportunity or account is unknown to the landing zone, or deleted there."""
    from onstrategy.ingest.loader import read_object

    wanted: dict[str, list[tuple[int, str, str]]] = {}
    for index, exception in enumerate(strategy.exceptions):
        for field, object_name in EXCEPTION_ID_OBJECTS.items():
            record_id = getattr(exception, field)
            if record_id is not None:
                wanted.setdefault(object_name, []).append((index, field, record_id))
    problems: list[ReferenceProblem] = []
    if not wanted:
        return problems  # the landing zone is not read at all
    with duckdb.connect(":memory:") as con:
        for object_name, references in wanted.items():
            obj = _object(object_name)
            read_object(con, landing, obj)
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
