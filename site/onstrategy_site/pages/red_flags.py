"""The red-flags page: the reps with red flags in the as-of quarter, flagged reps by quarter, the thresholds."""

from __future__ import annotations

from onstrategy_site import charts
from onstrategy_site.charts import Series
from onstrategy_site.charts.palette import ALERT, REFERENCE
from onstrategy_site.metrics import RED_FLAG_NAMES
from onstrategy_site.pages.deals import off_strategy_table
from onstrategy_site.pages.off_strategy import has_statuses, unjustified_threshold
from onstrategy_site.render import SiteRenderer
from onstrategy_site.tables import Column, Table, mcol


def write_red_flags(site: SiteRenderer) -> None:
    data = site.data
    rows = [dict(r) for r in data.reps if (r.get("red_flag_count") or 0) > 0]
    rows.sort(key=lambda r: (-(r["red_flag_count"] or 0), -(r.get("bookings_amount") or 0)))
    table = Table("red-flag-reps", [
        Column("rep_name", "Rep", link="_href"), Column("team", "Team", link="_team_href"),
        mcol("red_flags", kind="flags"), mcol("red_flag_count", label="Flags"),
        mcol("on_strategy_share"), *([mcol("unjustified_off_strategy_share")] if has_statuses(site) else []),
        mcol("icp_customer_share"), mcol("icp_time_share"),
        mcol("bookings_amount"), mcol("adherence_score")], rows, f"red-flags-{data.asof.quarter}")
    axis = set(data.quarter_axis())  # complete quarters only: an in-progress quarter's flags are not final
    by_q = [r for r in data.red_by_quarter if r["fiscal_quarter"] in axis]
    chart = charts.bar_chart(
        "Reps with at least one red flag, by quarter (quarters up to the as-of one)",
        [r["fiscal_quarter"] for r in by_q],
        [Series("Reps flagged", [r["reps_flagged"] for r in by_q], color=ALERT),
         Series("Reps with bookings", [r["reps_selling"] for r in by_q], color=REFERENCE)],
        lambda v: f"{v:,.0f}")
    by_type = Table("red-flags-by-type", [Column("flag_name", "Red flag", "code"), Column("reps", "Reps", "count")],
                    data.red_by_type, "red-flags-by-type", search=False)
    v = data.asof.version
    site.write("red-flags.md", "red_flags.md.j2", table=table, chart=chart, by_type=by_type,
               thresholds=sorted((v.red_flags if v else {}).items()), flag_metric=RED_FLAG_NAMES,
               deals=_flagged_deals(site, rows) if has_statuses(site) else None,
               unjustified_threshold=unjustified_threshold(site), company_row=data.company_row)


FLAGGED_DEALS = 200  # the off-strategy deals of flagged reps the page lists at most, largest first


def _flagged_deals(site: SiteRenderer, flagged: list[dict]) -> Table:
    """The as-of quarter's off-strategy deals of the reps with a red flag, largest off-strategy amount first."""
    data = site.data
    reps = {r["rep_id"] for r in flagged}
    deals = [d for d in data.credit.deals if d["fiscal_quarter_index"] == data.asof.index and d["rep_id"] in reps]
    caption = (f"The largest {FLAGGED_DEALS} of {len(deals)} off-strategy deals of the flagged reps"
               if len(deals) > FLAGGED_DEALS else "")
    return off_strategy_table(data, "red-flag-deals", f"red-flags-off-strategy-deals-{data.asof.quarter}",
                              deals[:FLAGGED_DEALS], with_rep=True, caption=caption, symbol=site.fmt.symbol,
                              empty=f"The flagged reps have no off-strategy deals in {data.asof.quarter}.")
