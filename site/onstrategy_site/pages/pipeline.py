"""The pipeline review: open opportunities to cull, late-stage and top-value ICP opportunities, open pipeline by ICP."""

from __future__ import annotations

from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, Table


def write_pipeline(site: SiteRenderer) -> None:
    data = site.data
    lists = {name: [{**r, "_href": data.href("rep", r["rep_id"]), "_seg_href": data.href("segment", r.get("segment")),
                     "_acc_href": data.href("account", r.get("account_id"))}
                    for r in rows] for name, rows in (data.pipeline.lists or {}).items()}
    cols = [Column("opportunity_name", "Opportunity"), Column("account_name", "Account", link="_acc_href"),
            Column("segment", "Segment", link="_seg_href"), Column("rep_name", "Rep", link="_href"),
            Column("stage_name", "Stage"), Column("probability", "Probability", "prob"),
            Column("close_date", "Close date", "date"), Column("amount", "Amount", "money")]
    tables = {
        "cull": Table("pipeline-cull", cols, lists.get("cull", []), "pipeline-cull-list",
                      empty="No open opportunities on non-ICP accounts."),
        "late_stage": Table("pipeline-late-stage", cols, lists.get("late_stage", []), "pipeline-late-stage-icp",
                            empty="No late-stage ICP opportunities."),
        "top_value": Table("pipeline-top-value", cols, lists.get("top_value", []), "pipeline-top-value-icp",
                           empty="No open ICP opportunities."),
    }
    summary = {("icp" if r["is_icp"] else "non_icp"): r for r in data.pipeline.summary}
    site.write("pipeline.md", "pipeline.md.j2", tables=tables, summary=summary,
               available=data.pipeline.lists is not None,
               late_stage_min=site.strategy.versions[-1].late_stage_min_probability)
