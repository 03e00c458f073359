"""The run's report of what the quarantine holds out, in money (SPEC "Materiality of the quarantine").

The sentences are the site's (onstrategy_site.materiality), read from a warehouse's `audit.quarantine_impact`: the
published one after a run, the work copy when the blocking check stopped the run.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

BLOCKING_TEST = "assert_quarantine_holds_out_little_won_business"


def held_out_lines(warehouse: Path) -> list[str]:
    """One sentence per recent quarter whose won business the quarantine holds out (none: an empty list)."""
    from onstrategy_site.formatting import Formatter
    from onstrategy_site.materiality import held_out_sentences

    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return []
    try:
        tables = {row[0] for row in con.execute(
            "select table_schema || '.' || table_name from information_schema.tables").fetchall()}
        if "audit.quarantine_impact" not in tables or "marts.fct_strategy_adherence_company" not in tables:
            return []
        cursor = con.execute(_impact_query())
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        currency = con.execute("select reporting_currency from strategy.strategy_settings").fetchone()
    finally:
        con.close()
    formatter = Formatter(currency[0] if currency else "USD")
    return held_out_sentences(rows, lambda amount: formatter.money(amount, compact=True))


def _impact_query() -> str:
    """The site's query of audit.quarantine_impact (one query for both)."""
    from importlib import resources

    return (resources.files("onstrategy_site") / "queries" / "quarantine_impact.sql").read_text(encoding="utf-8")
