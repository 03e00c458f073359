"""Where the pages live: the entity grains that get a page each (besides reps) and the site's navigation."""

from __future__ import annotations

from typing import NamedTuple


class Grain(NamedTuple):
    table: str  # the adherence mart of the grain
    key: str  # its key column
    folder: str  # the folder of its pages
    singular: str
    plural: str


GRAINS: dict[str, Grain] = {
    "team": Grain("fct_strategy_adherence_by_team", "team", "teams", "Team", "Teams"),
    "segment": Grain("fct_strategy_adherence_by_segment", "segment", "segments", "Segment", "Segments"),
    "persona": Grain("fct_strategy_adherence_by_persona", "persona", "personas", "Persona", "Personas"),
    "product": Grain("fct_strategy_adherence_by_product", "product_line", "products", "Product line", "Product lines"),
}

MANAGERS_INDEX = "managers/index.md"  # written only from a warehouse with the managers' roll-up
CREDIT_PAGE = "strategy-credit.md"  # written only from a warehouse with strategy credit (fct_strategy_credit_by_rep)
ALIGNMENT_PAGE = "alignment.md"  # written only from a warehouse whose alignment marts have rows (a strategy with plans)

NAV = [
    ("Overview", "index.md"), ("Strategy", "strategy.md"), ("Alignment plans", ALIGNMENT_PAGE),
    ("Red flags", "red-flags.md"),
    ("If pay followed the strategy", CREDIT_PAGE),
    ("Reps", "reps/index.md"), ("Teams", "teams/index.md"), ("Managers", MANAGERS_INDEX),
    ("Segments", "segments/index.md"), ("Personas", "personas/index.md"), ("Product lines", "products/index.md"),
    ("Pipeline review", "pipeline.md"), ("Billing outcomes", "billing.md"),
    ("Data quality", "data-quality.md"), ("Metric definitions", "definitions.md"),
]


def site_nav(has_managers: bool, has_credit: bool = True, has_alignment: bool = True) -> list[tuple[str, str]]:
    """NAV, without the managers index when the warehouse has no manager with a roll-up, without the credit page
    when it has no strategy credit, and without the alignment page when it has no alignment plans (no such pages)."""
    return [(label, rel) for label, rel in NAV
            if (has_managers or rel != MANAGERS_INDEX) and (has_credit or rel != CREDIT_PAGE)
            and (has_alignment or rel != ALIGNMENT_PAGE)]
