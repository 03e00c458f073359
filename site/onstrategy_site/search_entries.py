"""Search entries for what only tables name: the opportunities of the pipeline review (accounts have pages of
their own, which MkDocs indexes). MkDocs builds its search index before the tables are put into the pages, so these
join it afterwards (mkdocs_build.write_search_script); every name is HTML-escaped, as the index holds HTML."""

from __future__ import annotations

from html import escape

from onstrategy_site.collect import SiteData
from onstrategy_site.formatting import Formatter

# the ids of the tables the entries point into (pages/pipeline.py)
PIPELINE_TABLES = {"cull": "pipeline-cull", "late_stage": "pipeline-late-stage", "top_value": "pipeline-top-value"}


def opportunity_entries(data: SiteData, fmt: Formatter) -> list[dict[str, str]]:
    """One entry per open opportunity the pipeline review lists."""
    seen: set[str] = set()
    entries = []
    for name, rows in (data.pipeline.lists or {}).items():
        for row in rows:
            if row["opportunity_id"] in seen or not row.get("opportunity_name"):
                continue
            seen.add(row["opportunity_id"])
            entries.append({"location": f"pipeline.html#{PIPELINE_TABLES.get(name, '')}".rstrip("#"),
                            "title": escape(str(row["opportunity_name"])),
                            "text": escape(f"Open opportunity, {row.get('account_name') or 'no account'}, "
                                           f"{row.get('stage_name') or 'no stage'}: "
                                           f"{fmt.money(row.get('amount'), compact=True)}, "
                                           f"{row.get('rep_name') or row.get('rep_id')}")})
    return entries
