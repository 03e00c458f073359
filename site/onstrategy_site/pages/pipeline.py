"""The pipeline review: open opportunities to cull, late-stage and top-value ICP opportunities, open pipeline by ICP."""

from __future__ import annotations

from onstrategy_site.collect import Row
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, Table, column_total


def _list_table(table_id: str, cols: list[Column], rows: list[Row], csv_name: str, empty: str) -> Table:
    """A pipeline list with its footer: the amount of the opportunities listed (one row each, so they add up)."""
    return Table(table_id, cols, rows, csv_name, empty=empty, totals={"amount": column_total(rows, "amount")},
                 totals_label=f"Total of the {len(rows)} listed")


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
    site.write("pipeline.md", "pipeline.md.j2", tables=tables, summary=summary,
               available=data.pipeline.lists is not None,
               late_stage_min=site.strategy.versions[-1].late_stage_min_probability)
