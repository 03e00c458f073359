"""Which dbt build a run needs: everything, only what new batches touch, or nothing.

The ingest records what it changed in `audit.pending_changes` (an object `appended` new batch files, or was
`reloaded` because a file changed or disappeared); `audit.last_build` remembers what the last successful dbt build
was built from (dbt project fingerprint, strategy file digest, as-of date). From those, `plan_build` picks:

- a full refresh (`dbt build --full-refresh`) when there is no earlier build, the dbt project or the strategy
  changed, an object was reloaded, or an object other than the activity objects received new batches;
- an incremental build when only Task and Event received new batches: just the nodes downstream of those sources
  are built, and the activity models are incremental, keyed by Id (they recompute only the Ids of the new batches);
  models that read the as-of date are rebuilt too when the date changed since the last build;
- nothing, when nothing changed.

Every incremental result equals the full refresh's (tests/e2e/test_incremental.py compares every mart), because
the activity objects are leaves: nothing else refers to a Task or an Event, and when their parents (users,
accounts, opportunities) or anything else changes the plan is a full refresh. The pending changes are cleared
only after a successful build, so a failed build is simply planned again by the next run.
"""

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

# `audit.pending_changes.change`: what loads did to an object's raw table that no successful dbt build has seen.
PENDING_APPENDED = "appended"
PENDING_RELOADED = "reloaded"
# Objects whose new batches build incrementally: (source, object name as in the contract) -> their dbt source.
INCREMENTAL_OBJECTS = {("salesforce", "Task"): "salesforce.task", ("salesforce", "Event"): "salesforce.event"}
# The dbt macro giving "today" (var `as_of_date`): nodes that use it are rebuilt when the date moved.
AS_OF_DATE_MACRO = "macro.onstrategy.as_of_date"


@dataclass(frozen=True)
class BuildInputs:
    """What a build is made from, besides the raw tables."""

    project_fingerprint: str
    strategy_digest: str
    as_of_date: str
    # the run settings the build's checks use (the quarantine's block share): a change reruns the build
    check_settings: str = ""

    @classmethod
    def current(cls, project_fingerprint: str, strategy_file: Path, as_of: date | None = None,
                check_settings: str = "") -> "BuildInputs":
        return cls(project_fingerprint, strategy_digest(strategy_file), (as_of or date.today()).isoformat(),
                   check_settings)


def strategy_digest(strategy_file: Path) -> str:
    """SHA-256 of the strategy file: a build (and the dbt docs page) made from another strategy is out of date."""
    return hashlib.sha256(strategy_file.read_bytes()).hexdigest()


@dataclass(frozen=True)
class BuildPlan:
    """`full_refresh`, or the dbt sources (`salesforce.task`) whose downstream nodes must be built, and whether the
    nodes that read the as-of date (and theirs) must be too."""

    full_refresh: bool
    sources: tuple[str, ...] = ()
    as_of_date_moved: bool = False
    reason: str = ""

    @property
    def builds_nothing(self) -> bool:
        return not self.full_refresh and not self.sources and not self.as_of_date_moved

    def describe(self) -> str:
        if self.full_refresh:
            return f"full refresh ({self.reason})"
        if self.builds_nothing:
            return "nothing to build (no new batches, same project, strategy and as-of date)"
        parts = [f"source:{s}+" for s in self.sources] + (["as-of-date models+"] if self.as_of_date_moved else [])
        return f"incremental: {', '.join(parts)} ({self.reason})"


_LAST_BUILD_COLUMNS = {"project_fingerprint": "varchar", "strategy_digest": "varchar", "as_of_date": "varchar",
                       "check_settings": "varchar", "built_at": "timestamp", "plan": "varchar"}


def ensure_build_state(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists audit")
    con.execute("create table if not exists audit.pending_changes "
                "(source varchar, object varchar, change varchar, first_batch_rank integer)")
    columns = [row[0] for row in con.execute(
        "select column_name from information_schema.columns where table_schema = 'audit' "
        "and table_name = 'last_build' order by ordinal_position").fetchall()]
    if columns and columns != list(_LAST_BUILD_COLUMNS):
        con.execute("drop table audit.last_build")  # an older layout: the next build is a full refresh
    con.execute(f"create table if not exists audit.last_build "
                f"({', '.join(f'{name} {kind}' for name, kind in _LAST_BUILD_COLUMNS.items())})")


def plan_build(con: duckdb.DuckDBPyConnection, inputs: BuildInputs) -> BuildPlan:
    """The build this run needs (see the module docstring)."""
    ensure_build_state(con)
    last = con.execute("select project_fingerprint, strategy_digest, as_of_date, check_settings "
                       "from audit.last_build").fetchone()
    if last is None:
        return BuildPlan(full_refresh=True, reason="no earlier build in this warehouse")
    if last[0] != inputs.project_fingerprint:
        return BuildPlan(full_refresh=True, reason="the dbt project changed since the last build")
    if last[1] != inputs.strategy_digest:
        return BuildPlan(full_refresh=True, reason="the strategy file changed since the last build")
    if last[3] != inputs.check_settings:
        return BuildPlan(full_refresh=True, reason="the checks' settings changed since the last build "
                                                   f"({inputs.check_settings})")
    pending = con.execute("select source, object, change from audit.pending_changes "
                          "order by source, object").fetchall()
    reloaded = [f"{source}/{name}" for source, name, change in pending if change != PENDING_APPENDED]
    if reloaded:
        return BuildPlan(full_refresh=True, reason=f"reloaded (a file changed or disappeared): {', '.join(reloaded)}")
    others = [f"{source}/{name}" for source, name, _ in pending if (source, name) not in INCREMENTAL_OBJECTS]
    if others:
        return BuildPlan(full_refresh=True, reason=f"new batches of {', '.join(others)} (only Task and Event "
                                                   "batches build incrementally)")
    sources = tuple(INCREMENTAL_OBJECTS[(source, name)] for source, name, _ in pending)
    as_of_date_moved = last[2] != inputs.as_of_date
    reasons = [f"new batches of {', '.join(name for _, name, _ in pending)}"] if pending else []
    if as_of_date_moved:
        reasons.append(f"as-of date moved from {last[2]} to {inputs.as_of_date}")
    return BuildPlan(full_refresh=False, sources=sources, as_of_date_moved=as_of_date_moved,
                     reason="; ".join(reasons))


def record_build(con: duckdb.DuckDBPyConnection, inputs: BuildInputs, plan: BuildPlan) -> None:
    """After a successful build: the pending changes are built; what they were built from, and how, is kept."""
    ensure_build_state(con)
    con.execute("begin transaction")
    con.execute("delete from audit.pending_changes")
    con.execute("delete from audit.last_build")
    con.execute("insert into audit.last_build values (?, ?, ?, ?, current_timestamp, ?)",
                [inputs.project_fingerprint, inputs.strategy_digest, inputs.as_of_date, inputs.check_settings,
                 plan.describe()])
    con.execute("commit")


def last_build_plan(con: duckdb.DuckDBPyConnection) -> str | None:
    """How the warehouse's last successful dbt build was made (`BuildPlan.describe()`), if recorded."""
    try:
        row = con.execute("select plan from audit.last_build").fetchone()
    except duckdb.CatalogException:
        return None
    return row[0] if row else None


def forget_build(con: duckdb.DuckDBPyConnection) -> None:
    """The warehouse's dbt tables no longer match `last_build` (a Spark build): the next build is a full refresh."""
    ensure_build_state(con)
    con.execute("delete from audit.last_build")


def affected_nodes(manifest: Mapping[str, Any], plan: BuildPlan) -> set[str]:
    """Unique ids of the nodes an incremental plan builds: everything downstream of its sources and, when the
    as-of date moved, of the nodes that use it."""
    nodes = manifest["nodes"]
    start = {f"source.{manifest['metadata'].get('project_name', 'onstrategy')}.{s}" for s in plan.sources}
    if plan.as_of_date_moved:
        as_of_macros = _closure({AS_OF_DATE_MACRO}, _macro_users(manifest))
        start |= {uid for uid, node in nodes.items() if set(node["depends_on"].get("macros", [])) & as_of_macros}
    return {uid for uid in _closure(start, manifest["child_map"]) if uid in nodes}


def in_build_order(manifest: Mapping[str, Any], unique_ids: Iterable[str]) -> list[str]:
    """The given nodes with every node after the nodes it depends on."""
    wanted = set(unique_ids)
    ordered: list[str] = []
    placed: set[str] = set()

    def place(uid: str) -> None:
        if uid in placed:
            return
        placed.add(uid)
        for parent in manifest["nodes"][uid]["depends_on"].get("nodes", []):
            if parent in wanted:
                place(parent)
        ordered.append(uid)

    for uid in sorted(wanted):
        place(uid)
    return ordered


def _macro_users(manifest: Mapping[str, Any]) -> dict[str, list[str]]:
    """Macro -> the macros that call it."""
    users: dict[str, list[str]] = {}
    for uid, macro in manifest["macros"].items():
        for used in macro.get("depends_on", {}).get("macros", []):
            users.setdefault(used, []).append(uid)
    return users


def _closure(start: Iterable[str], edges: Mapping[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    frontier = list(start)
    while frontier:
        uid = frontier.pop()
        if uid not in seen:
            seen.add(uid)
            frontier.extend(edges.get(uid, []))
    return seen


def exclusions(manifest: Mapping[str, Any], affected: Iterable[str], tests: bool = True) -> list[str]:
    """dbt node names to `--exclude` so that `dbt build` builds only `affected` (a name shared with an affected
    node is kept: building more is safe, building less is not). `tests=False`: the models, seeds and snapshots
    only, for a build whose indirect selection leaves out the tests of the excluded nodes by itself."""
    affected = set(affected)
    kinds = ("model", "seed", "test", "snapshot") if tests else ("model", "seed", "snapshot")
    buildable = {uid: node for uid, node in manifest["nodes"].items() if node["resource_type"] in kinds}
    affected_names = {buildable[uid]["name"] for uid in affected if uid in buildable}
    return sorted({node["name"] for uid, node in buildable.items()
                   if uid not in affected and node["name"] not in affected_names})
