"""The pipeline review: open opportunities to cull, late-stage and top-value ICP opportunities, open pipeline by ICP."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import Markup

from onstrategy_site.collect import Row, SiteData
from onstrategy_site.formatting import to_float
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, Facet, Table, column_total, facet_options, render_facets

# the rows each list keeps, company-wide (queries/pipeline_lists.sql)
LIST_SIZES = {"cull": 100, "late_stage": 50, "top_value": 50}
FACETS = ["team", "rep_id"]  # the facet bar narrows every list to a team and a rep


def _list_table(table_id: str, cols: list[Column], rows: list[Row], csv_name: str, empty: str) -> Table:
    """A pipeline list with its footer: the amount of the opportunities listed (one row each, so they add up)."""
    return Table(table_id, cols, rows, csv_name, empty=empty, totals={"amount": column_total(rows, "amount")},
                 totals_label=f"Total of the {len(rows)} listed", totals_of_rows=True, facets=FACETS)


def _held(rows: Iterable[Row], key: str) -> dict[Any, tuple[float, int]]:
    """By value of `key`: the amount and count of the distinct opportunities among `rows` (an opportunity can be
    in two lists: late-stage and top-value)."""
    seen: dict[Any, dict[Any, float]] = {}
    for r in rows:
        seen.setdefault(r.get(key), {})[r["opportunity_id"]] = to_float(r.get("amount")) or 0.0
    return {k: (math.fsum(opps.values()), len(opps)) for k, opps in seen.items()}


def _status(name: str, listed: tuple[float, int], whole: tuple[float, int], money: Callable[[float], str]) -> str:
    (held, k), (total, n) = listed, whole
    opps = "opportunity" if n == 1 else "opportunities"
    return (f"{name}: {money(held)} of open pipeline in these lists ({k} of {n} open {opps}); "
            f"{money(total)} open in all.")


def facet_bar(data: SiteData, listed: list[Row], money: Callable[[float], str], root: str) -> Markup:
    """The Team and Rep selects over the lists: every team and rep with an open opportunity, each with what it
    holds in the lists against its whole open pipeline, and a link to its page."""
    open_rows = data.accounts.open_pipeline
    zero = (0.0, 0)
    teams = facet_options(open_rows, "team")
    held, whole = _held(listed, "team"), _held(open_rows, "team")
    for o in teams:
        o.status = _status(o.text, held.get(o.value, zero), whole.get(o.value, zero), money)
        o.href, o.link = data.href("team", o.value), "The team's page"
    reps = facet_options(open_rows, "rep_id", "rep_name", within="team")
    held, whole = _held(listed, "rep_id"), _held(open_rows, "rep_id")
    for o in reps:
        o.status = _status(o.text, held.get(o.value, zero), whole.get(o.value, zero), money)
        href = data.href("rep", o.value)
        o.href, o.link = (f"{href}#rep-pipeline" if href else None), f"{o.text}'s whole open pipeline"
    *most, last = [str(n) for n in LIST_SIZES.values()]
    scope = (f"The lists are the largest {', '.join(most)} and {last} opportunities company-wide: narrowed to a "
             "team or a rep, they show its opportunities among those, not its whole open pipeline.")
    return render_facets([Facet("team", "Team", "All teams", teams),
                          Facet("rep_id", "Rep", "All reps", reps, within="team")], scope, root)


def write_pipeline(site: SiteRenderer) -> None:
    data = site.data
    lists = {name: [{**r, "_href": data.href("rep", r["rep_id"]), "_seg_href": data.href("segment", r.get("segment")),
                     "_acc_href": data.href("account", r.get("account_id"))}
                    for r in rows] for name, rows in (data.pipeline.lists or {}).items()}
    # the amount right after the name: the column a cull decision is made on, in view without scrolling
    cols = [Column("opportunity_name", "Opportunity"), Column("amount", "Amount", "money"),
            Column("account_name", "Account", link="_acc_href"),
            Column("segment", "Segment", link="_seg_href"), Column("rep_name", "Rep", link="_href"),
            Column("stage_name", "Stage"), Column("probability", "Probability", "prob"),
            Column("close_date", "Close date", "date")]
    tables = {
        "cull": _list_table("pipeline-cull", cols, lists.get("cull", []), "pipeline-cull-list",
                            "No open opportunities on non-ICP accounts."),
        "late_stage": _list_table("pipeline-late-stage", cols, lists.get("late_stage", []), "pipeline-late-stage-icp",
                                  "No late-stage ICP opportunities."),
        "top_value": _list_table("pipeline-top-value", cols, lists.get("top_value", []), "pipeline-top-value-icp",
                                 "No open ICP opportunities."),
    }
    summary = {("icp" if r["is_icp"] else "non_icp"): r for r in data.pipeline.summary}
    listed = [r for rows in lists.values() for r in rows]
    facets = facet_bar(data, listed, lambda v: site.fmt.money(v, True), root="") if listed else Markup("")
    site.write("pipeline.md", "pipeline.md.j2", tables=tables, summary=summary, facets=facets,
               available=data.pipeline.lists is not None,
               late_stage_min=site.strategy.versions[-1].late_stage_min_probability)
