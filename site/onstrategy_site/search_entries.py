"""Search entries for what only tables name: the accounts on rep pages and the opportunities of the pipeline
review. MkDocs builds its search index before the tables are put into the pages, so these join it afterwards
(mkdocs_build.write_search_script); every name is HTML-escaped, as the index holds HTML."""

from __future__ import annotations

from html import escape

from onstrategy_site.collect import SiteData
from onstrategy_site.formatting import Formatter, to_float

# the ids of the tables the entries point into (pages/rep.py, pages/pipeline.py)
ACCOUNTS_TABLE = "rep-accounts"
PIPELINE_TABLES = {"cull": "pipeline-cull", "late_stage": "pipeline-late-stage", "top_value": "pipeline-top-value"}


def account_entries(data: SiteData, fmt: Formatter) -> list[dict[str, str]]:
    """One entry per account on a rep page, pointing at the rep who booked most with it."""
    best: dict[str, tuple[float, dict, str]] = {}
    names = {r["rep_id"]: r["rep_name"] or r["rep_id"] for r in data.reps}
    for rep_id, accounts in data.rep_accounts.items():
        href = data.href("rep", rep_id)
        for account in accounts:
            amount = to_float(account.get("amount")) or 0.0
            key = str(account["account_id"])
            if href and account.get("account_name") and (key not in best or amount > best[key][0]):
                best[key] = (amount, {**account, "_rep": names.get(rep_id, rep_id)}, href)
    return [{"location": f"{href}#{ACCOUNTS_TABLE}",
             "title": escape(str(account["account_name"])),
             "text": escape(f"Account, {account.get('segment') or 'no segment'}: {fmt.money(amount, compact=True)} "
                            f"booked with {account['_rep']} in the last four quarters")}
            for amount, account, href in sorted(best.values(), key=lambda item: str(item[1]["account_name"]))]


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
