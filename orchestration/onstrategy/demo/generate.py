"""Write the whole demo landing zone: Salesforce CSV exports and Stripe JSON lines."""

from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa

from onstrategy.demo import activities, stripe
from onstrategy.demo.accounts import Accounts, account_table, build_accounts
from onstrategy.demo.arrays import sf_ids
from onstrategy.demo.config import Volumes, stream
from onstrategy.demo.contacts import build_contacts, contact_role_table, contact_table
from onstrategy.demo.exports import with_short_references
from onstrategy.demo.fx import build_rates, rate_table
from onstrategy.demo.line_items import LineItems, build_line_items, line_item_table
from onstrategy.demo.opportunities import Opportunities, build_opportunities, opportunity_table
from onstrategy.demo.products import Products, build_products, product_table
from onstrategy.demo.quotas import quota_table
from onstrategy.demo.reps import Org, build_org
from onstrategy.demo.writers import write_csv, write_csv_batches, write_jsonl


def generate_landing_zone(out_dir: Path, scale: float = 1.0, seed: int = 42) -> dict[str, int]:
    """Write a deterministic demo landing zone into `out_dir`; returns rows per file (path relative to out_dir).

    Same (scale, seed), same bytes. Existing files of the same names are overwritten; nothing else is touched.
    """
    volumes = Volumes.for_scale(scale)
    out_dir = Path(out_dir)
    sf, st = out_dir / "salesforce", out_dir / "stripe"
    counts: dict[str, int] = {}

    def csv(name: str, table: pa.Table) -> None:
        counts[f"salesforce/{name}.csv"] = write_csv(sf / f"{name}.csv", with_short_references(name, table))

    org = build_org(volumes, stream(seed, "org"))
    rates = build_rates(stream(seed, "fx"))
    products = build_products()
    accounts = build_accounts(volumes, org, stream(seed, "accounts"))
    contacts = build_contacts(accounts, stream(seed, "contacts"))
    opps = build_opportunities(volumes, org, accounts, stream(seed, "opportunities"))
    lines = build_line_items(opps, org, accounts, products, rates, stream(seed, "line_items"))

    # Three independent writers: the big activity files, the Stripe files and the other CSVs. Arrow and numpy
    # release the GIL, so on 2+ cores they overlap. Each draws from its own random streams and writes its own files,
    # so the bytes do not depend on scheduling; counts are collected in a fixed order.
    with ThreadPoolExecutor(max_workers=2) as pool:
        activity_job = pool.submit(_write_activities, sf, volumes, seed, org, accounts, opps)
        stripe_job = pool.submit(_write_stripe, st, seed, accounts, opps, lines, products)
        csv("UserRole", org.roles)
        csv("User", org.users)
        first_opp_day = np.full(len(accounts), np.iinfo(np.int64).max // 2)
        np.minimum.at(first_opp_day, opps.account, opps.created_day)
        is_customer = np.zeros(len(accounts), dtype=bool)
        is_customer[opps.account[opps.is_won]] = True
        csv("Account", account_table(accounts, org, first_opp_day, is_customer, stream(seed, "names")))
        csv("Contact", contact_table(contacts, accounts, stream(seed, "contacts", 1)))
        csv("Product2", product_table(products))
        csv("Opportunity", opportunity_table(opps, org, accounts, stream(seed, "opportunities", 1)))
        csv("OpportunityLineItem", line_item_table(lines, opps, products, stream(seed, "line_items", 1)))
        csv("OpportunityContactRole", contact_role_table(opps, contacts, org, stream(seed, "contact_roles")))
        csv("DatedConversionRate", rate_table(rates))
        csv("ForecastingQuota", quota_table(org, opps, accounts, rates, stream(seed, "quotas")))
        counts.update(activity_job.result())
        counts.update(stripe_job.result())
    return counts


def _write_activities(sf: Path, volumes: Volumes, seed: int, org: Org, accounts: Accounts,
                      opps: Opportunities) -> dict[str, int]:
    context = activities.ActivityContext.build(org, accounts, opps)
    tasks = _short_references_in("Task", activities.task_batches(context, volumes.tasks, seed))
    events = _short_references_in("Event", activities.event_batches(context, volumes.events, seed))
    return {"salesforce/Task.csv": write_csv_batches(sf / "Task.csv", tasks),
            "salesforce/Event.csv": write_csv_batches(sf / "Event.csv", events)}


def _short_references_in(object_name: str, batches: Iterable[pa.Table]) -> Iterator[pa.Table]:
    first_row = 0
    for batch in batches:
        yield with_short_references(object_name, batch, first_row)
        first_row += batch.num_rows


def _write_stripe(st: Path, seed: int, accounts: Accounts, opps: Opportunities, lines: LineItems,
                  products: Products) -> dict[str, int]:
    rng = stream(seed, "stripe")
    catalog = stripe.build_catalog(products, rng)
    billing = stripe.build_billing(accounts, opps, lines, products, rng)
    ids = stripe.make_ids(billing, rng)
    test_mode = stripe.test_mode_objects()
    opp_ids = sf_ids("006", np.arange(1, len(opps) + 1))
    counts: dict[str, int] = {}

    def jsonl(name: str, chunks: Iterable[pa.Array]) -> None:
        counts[f"stripe/{name}.jsonl"] = write_jsonl(st / f"{name}.jsonl", _then(chunks, pa.array(test_mode[name])))

    jsonl("customers", [stripe.customers_json(billing, ids, accounts)])
    jsonl("products", [catalog.products_json])
    jsonl("prices", [catalog.prices_json])
    jsonl("subscriptions", [stripe.subscriptions_json(billing, ids, catalog, accounts, opp_ids)])
    jsonl("invoices", stripe.invoices_json(billing, ids, catalog, accounts, products, stream(seed, "stripe", 1)))
    return counts


def _then(chunks: Iterable[pa.Array], last: pa.Array) -> Iterator[pa.Array]:
    """The chunks, then one more."""
    yield from chunks
    yield last
