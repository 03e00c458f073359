"""Off-strategy business by status (SPEC "Justified off-strategy business, and the effort it takes") on the rep, team
and red-flags pages: the period's shares by status and its off-strategy deals, each with its reason."""

from __future__ import annotations

from collections.abc import Callable

from onstrategy_site.collect import Row
from onstrategy_site.pages.common import PeriodBlock, quarter_blocks
from onstrategy_site.pages.deals import off_strategy_table
from onstrategy_site.render import SiteRenderer

UNJUSTIFIED_FLAG = "unjustified_off_strategy_share_above"


def has_statuses(site: SiteRenderer) -> bool:
    """Whether the marts carry the off-strategy statuses (a warehouse built before them has none)."""
    return "unjustified_off_strategy_share" in site.data.company_row


def unjustified_threshold(site: SiteRenderer) -> float | None:
    """The as-of version's threshold of the unjustified off-strategy red flag."""
    version = site.data.asof.version
    return version.red_flags.get(UNJUSTIFIED_FLAG) if version else None


def in_period(deal: Row, key: str, is_year: bool) -> bool:
    """Whether a deal closed in the period `key` (a quarter's label, or a fiscal year's: its quarters `FY2027-Q1`..)."""
    return str(deal["fiscal_quarter"]).startswith(key + "-") if is_year else deal["fiscal_quarter"] == key


def off_strategy_blocks(site: SiteRenderer, deals: list[Row], row_of: Callable[[str, bool], Row | None],
                        table_id: str, csv_name: str, *, with_rep: bool) -> list[PeriodBlock]:
    """Per period of the selector: the group's adherence row (`row_of(key, is_year)`, for its shares by status) and
    its off-strategy deals."""

    def block(key: str, is_year: bool) -> dict[str, object]:
        mine = [d for d in deals if in_period(d, key, is_year)]
        return {"row": row_of(key, is_year), "table": off_strategy_table(
            site.data, f"{table_id}-{key.lower()}", f"{csv_name}-{key}", mine, with_rep=with_rep,
            empty=f"No off-strategy deals in {key}.", symbol=site.fmt.symbol)}

    return quarter_blocks(site, lambda q: block(q["fiscal_quarter"], False),
                          lambda y: block(str(y["fiscal_year"]), True))
