"""One module per kind of page; `build_pages` renders the pages of one shard."""

from __future__ import annotations

from onstrategy_site.layout import GRAINS
from onstrategy_site.pages import (
    account,
    alignment,
    billing,
    credit,
    data_quality,
    definitions,
    group,
    manager,
    overview,
    pipeline,
    red_flags,
    rep,
    strategy,
)
from onstrategy_site.render import SiteRenderer


def build_pages(site: SiteRenderer) -> None:
    if site.shard != 0:  # shard 0 builds the other pages; this one only needs the navigation around its pages
        site.write_nav_stand_ins()
    else:
        overview.write_overview(site)
        strategy.write_strategy(site)
        alignment.write_alignment_page(site)
        red_flags.write_red_flags(site)
        credit.write_credit_page(site)
        rep.write_reps_index(site)
        manager.write_managers_index(site)
        pipeline.write_pipeline(site)
        billing.write_billing(site)
        data_quality.write_data_quality(site)
        definitions.write_definitions(site)
    rep.write_rep_pages(site)
    account.write_account_pages(site)
    manager.write_manager_pages(site)
    for grain in GRAINS:
        group.write_group_pages(site, grain)
