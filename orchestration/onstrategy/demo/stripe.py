"""Stripe billing consistent with the CRM wins: customers, products, prices, subscriptions, invoices (JSON lines).

- One customer per account with won deals, created at its first win. ~80% carry `metadata.salesforce_account_id`,
  ~18% only an email at the account's web domain, ~2% match nothing (a webmail address).
- One product per Product2 with `metadata.product_line` (plus one unmapped "Sandbox Environment"); prices per
  product, currency (the customer's, lower case as Stripe writes it) and interval (year, month, a few week).
- One subscription per won deal with line items: items = the deal's lines (same product and quantity), billed
  yearly (~90%), monthly (10%) or weekly (0.5%) from the close date. Subscriptions churn with a yearly hazard of 7% on
  ICP and target accounts and 30% elsewhere, so off-strategy revenue visibly decays.
- One invoice per billing period up to the as-of date: paid, except recent ones still open and ~1.5% void.
- Amounts are integers in minor units (JPY has none), timestamps Unix seconds. A handful of `livemode: false` test
  objects are appended to every file; the pipeline must filter them.
"""

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from onstrategy.demo import json_text as js
from onstrategy.demo import words
from onstrategy.demo.accounts import CURRENCIES, TARGET_ACCOUNT_IDS, Accounts
from onstrategy.demo.archetypes import FAMILIES
from onstrategy.demo.arrays import base62_ids, grouped_join, join, vocab
from onstrategy.demo.config import AS_OF_DAY, SECONDS_PER_DAY
from onstrategy.demo.exports import short_id_every
from onstrategy.demo.fx import BASE_RATES, ZERO_DECIMAL
from onstrategy.demo.line_items import LineItems
from onstrategy.demo.opportunities import Opportunities
from onstrategy.demo.products import Products

PRODUCT_LINES = {"Core": "Core Platform", "Analytics": "Analytics Cloud", "AI": "AI Copilot", "Services": "Services",
                 "Legacy": "Legacy On-Prem"}
SANDBOX = ("Sandbox Environment", 1_200)  # an add-on with no product line: billed as Unmapped
INTERVALS = ("year", "month", "week")
INTERVAL_WEIGHTS = (0.895, 0.10, 0.005)
YEAR, MONTH, WEEK = range(3)
CHURN_PER_YEAR_ICP, CHURN_PER_YEAR_OTHER = 0.07, 0.30
METADATA_RATE, EMAIL_DOMAIN_RATE = 0.80, 0.18  # the rest: unmatched
SANDBOX_RATE = 0.03
CATALOG_CREATED = 1_640_995_200  # 2022-01-01
INVOICE_CHUNK = 400_000


def add_months(day: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Day numbers `months` calendar months later, the day of month clipped to the month's length."""
    d = np.asarray(day).astype("datetime64[D]")
    month = d.astype("datetime64[M]")
    dom = (d - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.asarray(months).astype(np.int64)
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(np.int64)
    return (target.astype("datetime64[D]") + np.minimum(dom, length - 1)).astype(np.int64)


def period_start(start_day: np.ndarray, interval: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Start day of the k-th billing period."""
    return np.where(interval == WEEK, start_day + 7 * k,
                    add_months(start_day, np.where(interval == YEAR, 12 * k, k)))


@dataclass
class Catalog:
    """Stripe products and prices: price index = (product * currencies + currency) * intervals + interval."""

    product_ids: pa.Array
    price_ids: pa.Array
    unit_amount: np.ndarray
    products_json: pa.Array
    prices_json: pa.Array
    price_short_json: pa.Array  # the price as embedded in subscription items
    price_line_json: pa.Array  # the price as embedded in invoice lines

    @staticmethod
    def price_index(product: np.ndarray, currency: np.ndarray, interval: np.ndarray) -> np.ndarray:
        return (product * len(CURRENCIES) + currency) * len(INTERVALS) + interval


def _minor(amount: np.ndarray, currency: np.ndarray) -> np.ndarray:
    zero = np.array([c in ZERO_DECIMAL for c in CURRENCIES])[currency]
    return np.where(zero, np.round(amount), np.round(amount * 100)).astype(np.int64)


def build_catalog(products: Products, rng: np.random.Generator) -> Catalog:
    names = [*products.names, SANDBOX[0]]
    lines = [PRODUCT_LINES[FAMILIES[f]] for f in products.family] + [None]
    codes = [*products.codes, None]
    list_usd = np.array([*products.list_price_usd.tolist(), SANDBOX[1]], dtype=np.float64)
    n_products = len(names)
    product_ids = base62_ids("prod_", np.arange(n_products), rng)
    metadata = [js.literal({} if line is None else {"product_line": line, "salesforce_product_code": code})
                for line, code in zip(lines, codes, strict=True)]
    created = js.integer(np.full(n_products, CATALOG_CREATED))
    products_json = js.obj([
        ("active", "true"), ("created", created), ("description", "null"), ("id", js.quoted(product_ids)),
        ("livemode", "true"), ("metadata", pa.array(metadata)), ("name", js.string(pa.array(names))),
        ("object", '"product"'), ("type", '"service"'), ("updated", created),
    ])

    grid = np.arange(n_products * len(CURRENCIES) * len(INTERVALS))
    interval = grid % len(INTERVALS)
    currency = grid // len(INTERVALS) % len(CURRENCIES)
    product = grid // (len(INTERVALS) * len(CURRENCIES))
    yearly_local = list_usd[product] * np.array([BASE_RATES[c] for c in CURRENCIES])[currency]
    per_period = yearly_local / np.array([1.0, 12.0, 52.0])[interval]
    unit_amount = _minor(np.round(per_period), currency)
    price_ids = base62_ids("price_", grid, rng)
    cur = vocab([f'"{c.lower()}"' for c in CURRENCIES], currency)
    recurring = vocab([js.literal({"interval": i, "interval_count": 1, "usage_type": "licensed"}) for i in INTERVALS],
                      interval)
    product_ref = js.quoted(product_ids.take(pa.array(product)))
    amount = js.integer(unit_amount)
    prices_json = js.obj([
        ("active", "true"), ("billing_scheme", '"per_unit"'), ("created", js.integer(np.full(len(grid),
                                                                                             CATALOG_CREATED))),
        ("currency", cur), ("id", js.quoted(price_ids)), ("livemode", "true"), ("metadata", "{}"),
        ("object", '"price"'), ("product", product_ref), ("recurring", recurring), ("type", '"recurring"'),
        ("unit_amount", amount), ("unit_amount_decimal", join('"', amount, '"')),
    ])
    price_short_json = js.obj([
        ("currency", cur), ("id", js.quoted(price_ids)), ("object", '"price"'), ("product", product_ref),
        ("recurring", recurring), ("unit_amount", amount),
    ])
    price_line_json = js.obj([("id", js.quoted(price_ids)), ("object", '"price"'), ("product", product_ref),
                              ("unit_amount", amount)])
    return Catalog(product_ids=product_ids, price_ids=price_ids, unit_amount=unit_amount, products_json=products_json,
                   prices_json=prices_json, price_short_json=price_short_json, price_line_json=price_line_json)


@dataclass
class Billing:
    """Numeric Stripe data; JSON is rendered from it in chunks."""

    customer_account: np.ndarray
    customer_created: np.ndarray
    customer_match: np.ndarray  # 0 metadata, 1 email domain, 2 unmatched
    sub_customer: np.ndarray
    sub_opportunity: np.ndarray
    sub_start: np.ndarray  # day
    sub_interval: np.ndarray
    sub_periods: np.ndarray  # billed periods up to the as-of date
    sub_ended: np.ndarray  # day, -1 = still active
    sub_canceled_at: np.ndarray  # Unix seconds, -1 = not canceled
    item_sub: np.ndarray
    item_price: np.ndarray
    item_quantity: np.ndarray
    sub_item_start: np.ndarray
    sub_item_count: np.ndarray


def build_billing(accounts: Accounts, opps: Opportunities, lines: LineItems, products: Products,
                  rng: np.random.Generator) -> Billing:
    won_opps = np.flatnonzero(opps.is_won & (opps.close_day <= AS_OF_DAY))
    # customers in order of their first win
    first_win = np.full(len(accounts), np.iinfo(np.int64).max)
    np.minimum.at(first_win, opps.account[won_opps], opps.close_day[won_opps])
    customer_account = np.flatnonzero(first_win < np.iinfo(np.int64).max)
    customer_account = customer_account[np.argsort(first_win[customer_account], kind="stable")]
    n_customers = len(customer_account)
    customer_of_account = np.full(len(accounts), -1)
    customer_of_account[customer_account] = np.arange(n_customers)
    created = first_win[customer_account] * SECONDS_PER_DAY + rng.integers(9 * 3600, 20 * 3600, n_customers)
    match_draw = rng.random(n_customers)
    match = np.where(match_draw < METADATA_RATE, 0, np.where(match_draw < METADATA_RATE + EMAIL_DOMAIN_RATE, 1, 2))
    no_website = pc.is_null(accounts.websites.take(pa.array(customer_account))).to_numpy(zero_copy_only=False)
    match = np.where(no_website & (match == 1), 0, match)

    # subscriptions: won deals with lines
    line_count = np.bincount(lines.opportunity, minlength=len(opps))
    sub_opp = won_opps[line_count[won_opps] > 0]
    n_subs = len(sub_opp)
    sub_customer = customer_of_account[opps.account[sub_opp]]
    start = opps.close_day[sub_opp] + rng.integers(0, 10, n_subs)
    interval = rng.choice(len(INTERVALS), size=n_subs, p=np.array(INTERVAL_WEIGHTS))
    icp = (accounts.is_icp | accounts.is_target)[opps.account[sub_opp]]
    hazard = np.where(icp, CHURN_PER_YEAR_ICP, CHURN_PER_YEAR_OTHER)
    life_days = rng.exponential(365.0 / hazard)
    period_days = np.array([365.25, 30.44, 7.0])[interval]
    paid_periods = np.maximum(1, np.ceil(life_days / period_days)).astype(np.int64)
    ended = period_start(start, interval, paid_periods)
    canceled = ended <= AS_OF_DAY
    # billed periods: those that start on or before the as-of date (and before the end)
    elapsed = np.maximum(AS_OF_DAY - start, 0)
    upper = np.where(interval == WEEK, elapsed // 7 + 2,
                     np.where(interval == YEAR, elapsed // 365 + 2, elapsed // 28 + 2))
    upper = np.minimum(upper, paid_periods)
    k_sub = np.repeat(np.arange(n_subs), upper)
    k = np.arange(len(k_sub)) - np.repeat(np.cumsum(upper) - upper, upper)
    starts = period_start(start[k_sub], interval[k_sub], k)
    billed = np.bincount(k_sub[starts <= AS_OF_DAY], minlength=n_subs)
    canceled_at = np.where(canceled, (ended - rng.integers(1, 25, n_subs)) * SECONDS_PER_DAY + 15 * 3600, -1)
    canceled_at = np.where(canceled, np.maximum(canceled_at, start * SECONDS_PER_DAY + 13 * 3600), -1)

    # items: one per line item of the deal, plus an unmapped sandbox add-on on a few subscriptions
    line_sub = np.full(len(opps), -1)
    line_sub[sub_opp] = np.arange(n_subs)
    item_sub = line_sub[lines.opportunity]
    keep = item_sub >= 0
    item_sub = item_sub[keep]
    item_product = lines.product[keep]
    item_quantity = lines.quantity[keep]
    sandbox = np.flatnonzero(rng.random(n_subs) < SANDBOX_RATE)
    item_sub = np.concatenate([item_sub, sandbox])
    item_product = np.concatenate([item_product, np.full(len(sandbox), len(products))])
    item_quantity = np.concatenate([item_quantity, np.ones(len(sandbox), dtype=np.int64)])
    order = np.argsort(item_sub, kind="stable")
    item_sub, item_product, item_quantity = item_sub[order], item_product[order], item_quantity[order]
    currency = accounts.currency[opps.account[sub_opp]]
    item_price = Catalog.price_index(item_product, currency[item_sub], interval[item_sub])
    item_count = np.bincount(item_sub, minlength=n_subs)
    return Billing(customer_account=customer_account, customer_created=created, customer_match=match,
                   sub_customer=sub_customer, sub_opportunity=sub_opp, sub_start=start, sub_interval=interval,
                   sub_periods=billed, sub_ended=np.where(canceled, ended, -1), sub_canceled_at=canceled_at,
                   item_sub=item_sub, item_price=item_price, item_quantity=item_quantity,
                   sub_item_start=np.concatenate([[0], np.cumsum(item_count)[:-1]]), sub_item_count=item_count)


@dataclass
class StripeIds:
    customers: pa.Array
    subscriptions: pa.Array
    items: pa.Array


def make_ids(billing: Billing, rng: np.random.Generator) -> StripeIds:
    return StripeIds(customers=base62_ids("cus_", np.arange(len(billing.customer_account)), rng),
                     subscriptions=base62_ids("sub_", np.arange(len(billing.sub_start)), rng),
                     items=base62_ids("si_", np.arange(len(billing.item_sub)), rng))


def customers_json(billing: Billing, ids: StripeIds, accounts: Accounts) -> pa.Array:
    acct = pa.array(billing.customer_account)
    domain = accounts.domains.take(acct)
    n = len(billing.customer_account)
    local = vocab(["billing", "accounts.payable", "finance", "ap", "invoices"], np.arange(n) % 5)
    webmail = join("ap.", pc.replace_substring(domain, ".", "-"), "@gmail.com")
    email = pc.if_else(pa.array(billing.customer_match == 2), webmail, join(local, "@", domain))
    account_id = js.quoted(short_id_every(accounts.ids.take(acct), phase=0))  # a third as a report's 15 characters
    metadata = pc.if_else(pa.array(billing.customer_match == 0), join('{"salesforce_account_id":', account_id, "}"),
                          "{}")
    country = js.string(vocab([c[0] for c in words.COUNTRIES], accounts.country[billing.customer_account]))
    currency = vocab([f'"{c.lower()}"' for c in CURRENCIES], accounts.currency[billing.customer_account])
    return js.obj([
        ("address", join('{"country":', country, "}")), ("balance", "0"),
        ("created", js.integer(billing.customer_created)), ("currency", currency), ("description", "null"),
        ("email", js.quoted(email)), ("id", js.quoted(ids.customers)), ("livemode", "true"), ("metadata", metadata),
        ("name", js.string(accounts.names.take(acct))), ("object", '"customer"'),
    ])


def subscriptions_json(billing: Billing, ids: StripeIds, catalog: Catalog, accounts: Accounts,
                       opp_ids: pa.Array) -> pa.Array:
    b = billing
    n = len(b.sub_start)
    start_ts = b.sub_start * SECONDS_PER_DAY + 12 * 3600
    item_created = js.integer(start_ts[b.item_sub])
    sub_ref = js.quoted(ids.subscriptions)
    items = js.obj([
        ("created", item_created), ("id", js.quoted(ids.items)), ("object", '"subscription_item"'),
        ("price", catalog.price_short_json.take(pa.array(b.item_price))), ("quantity", js.integer(b.item_quantity)),
        ("subscription", sub_ref.take(pa.array(b.item_sub))),
    ])
    item_lists = grouped_join(items, b.sub_item_count)
    last = np.maximum(b.sub_periods - 1, 0)
    current_start = period_start(b.sub_start, b.sub_interval, last)
    current_end = period_start(b.sub_start, b.sub_interval, last + 1)
    canceled = b.sub_ended >= 0
    currency = vocab([f'"{c.lower()}"' for c in CURRENCIES],
                     accounts.currency[b.customer_account[b.sub_customer]])
    return js.obj([
        ("billing_cycle_anchor", js.integer(start_ts)), ("cancel_at_period_end", "false"),
        ("canceled_at", js.integer(b.sub_canceled_at, null=~canceled)),
        ("collection_method", '"charge_automatically"'), ("created", js.integer(start_ts)), ("currency", currency),
        ("current_period_end", js.integer(current_end * SECONDS_PER_DAY + 12 * 3600)),
        ("current_period_start", js.integer(current_start * SECONDS_PER_DAY + 12 * 3600)),
        ("customer", js.quoted(ids.customers.take(pa.array(b.sub_customer)))),
        ("ended_at", js.integer(b.sub_ended * SECONDS_PER_DAY + 12 * 3600, null=~canceled)),
        ("id", sub_ref),
        ("items", join('{"data":[', item_lists, '],"has_more":false,"object":"list","total_count":',
                       js.integer(b.sub_item_count), ',"url":"/v1/subscription_items?subscription=', ids.subscriptions,
                       '"}')),
        ("livemode", "true"),
        ("metadata", join('{"salesforce_opportunity_id":', js.quoted(opp_ids.take(pa.array(b.sub_opportunity))), "}")),
        ("object", '"subscription"'), ("start_date", js.integer(start_ts)),
        ("status", pc.if_else(pa.array(canceled), '"canceled"', '"active"')),
    ]) if n else pa.array([], type=pa.string())


def invoices_json(billing: Billing, ids: StripeIds, catalog: Catalog, accounts: Accounts, products: Products,
                  rng: np.random.Generator) -> Iterator[pa.Array]:
    """Invoices in chunks of subscriptions: one per billed period, one line per subscription item."""
    b = billing
    n_subs = len(b.sub_start)
    product_names = [*products.names, SANDBOX[0]]
    sub_first_invoice = np.concatenate([[0], np.cumsum(b.sub_periods)[:-1]])
    sub_first_line = np.concatenate([[0], np.cumsum(b.sub_periods * b.sub_item_count)[:-1]])
    chunk_edges = [0]
    invoices_so_far = np.cumsum(b.sub_periods)
    while chunk_edges[-1] < n_subs:
        base = invoices_so_far[chunk_edges[-1] - 1] if chunk_edges[-1] else 0
        nxt = int(np.searchsorted(invoices_so_far, base + INVOICE_CHUNK, side="right"))
        chunk_edges.append(max(nxt, chunk_edges[-1] + 1))
    chunk_edges[-1] = n_subs
    sub_currency = accounts.currency[b.customer_account[b.sub_customer]]
    currency_json = [f'"{c.lower()}"' for c in CURRENCIES]
    for lo, hi in itertools.pairwise(chunk_edges):
        subs = np.arange(lo, hi)
        periods = b.sub_periods[subs]
        inv_sub = np.repeat(subs, periods)
        inv_k = np.arange(len(inv_sub)) - np.repeat(np.cumsum(periods) - periods, periods)
        inv_number = sub_first_invoice[inv_sub] + inv_k
        n_inv = len(inv_sub)
        if n_inv == 0:
            continue
        p_start = period_start(b.sub_start[inv_sub], b.sub_interval[inv_sub], inv_k)
        p_end = period_start(b.sub_start[inv_sub], b.sub_interval[inv_sub], inv_k + 1)
        created = p_start * SECONDS_PER_DAY + 12 * 3600 + rng.integers(0, 3600, n_inv)
        # lines: every item of the subscription on every invoice
        n_items = b.sub_item_count[inv_sub]
        line_inv = np.repeat(np.arange(n_inv), n_items)
        line_item = np.repeat(b.sub_item_start[inv_sub], n_items) + (
            np.arange(len(line_inv)) - np.repeat(np.cumsum(n_items) - n_items, n_items))
        line_number = np.repeat(sub_first_line[inv_sub] + inv_k * b.sub_item_count[inv_sub], n_items) + (
            np.arange(len(line_inv)) - np.repeat(np.cumsum(n_items) - n_items, n_items))
        amount = catalog.unit_amount[b.item_price[line_item]] * b.item_quantity[line_item]
        total = np.bincount(line_inv, weights=amount, minlength=n_inv).round().astype(np.int64)
        recent = p_start > AS_OF_DAY - 30
        status = np.where(recent & (rng.random(n_inv) < 0.4), 1, 0)
        status = np.where(rng.random(n_inv) < 0.015, 2, status)  # void
        paid = status == 0
        product_of_item = b.item_price[line_item] // (len(CURRENCIES) * len(INTERVALS))
        cur = vocab(currency_json, sub_currency[inv_sub])
        invoice_ids = base62_ids("in_", inv_number, rng)
        line_ids = base62_ids("il_", line_number, rng)
        sub_ref = js.quoted(ids.subscriptions.take(pa.array(inv_sub)))
        line_json = js.obj([
            ("amount", js.integer(amount)), ("currency", cur.take(pa.array(line_inv))),
            ("description", join('"', js.integer(b.item_quantity[line_item]), " × ",
                                 vocab([js.literal(name)[1:-1] for name in product_names], product_of_item), '"')),
            ("id", js.quoted(line_ids)), ("livemode", "true"), ("object", '"line_item"'),
            ("period", join('{"end":', js.integer(p_end[line_inv] * SECONDS_PER_DAY + 12 * 3600), ',"start":',
                            js.integer(p_start[line_inv] * SECONDS_PER_DAY + 12 * 3600), "}")),
            ("price", catalog.price_line_json.take(pa.array(b.item_price[line_item]))),
            ("quantity", js.integer(b.item_quantity[line_item])), ("subscription", sub_ref.take(pa.array(line_inv))),
            ("subscription_item", js.quoted(ids.items.take(pa.array(line_item)))), ("type", '"subscription"'),
        ])
        line_lists = grouped_join(line_json, n_items)
        invoice_id_json = js.quoted(invoice_ids)
        yield js.obj([
            ("amount_due", js.integer(total)), ("amount_paid", js.integer(np.where(paid, total, 0))),
            ("amount_remaining", js.integer(np.where(status == 1, total, 0))),
            ("billing_reason", pc.if_else(pa.array(inv_k == 0), '"subscription_create"', '"subscription_cycle"')),
            ("collection_method", '"charge_automatically"'), ("created", js.integer(created)), ("currency", cur),
            ("customer", js.quoted(ids.customers.take(pa.array(b.sub_customer[inv_sub])))),
            ("id", invoice_id_json),
            ("lines", join('{"data":[', line_lists, '],"has_more":false,"object":"list","total_count":',
                           js.integer(n_items), ',"url":"/v1/invoices/', invoice_ids, '/lines"}')),
            ("livemode", "true"), ("object", '"invoice"'),
            ("period_end", js.integer(p_end * SECONDS_PER_DAY + 12 * 3600)),
            ("period_start", js.integer(p_start * SECONDS_PER_DAY + 12 * 3600)),
            ("status", vocab(['"paid"', '"open"', '"void"'], status)), ("subscription", sub_ref),
            ("subtotal", js.integer(total)), ("total", js.integer(total)),
        ])


def test_mode_objects() -> dict[str, list[str]]:
    """A few `livemode: false` objects per file (a Stripe test-mode customer with its subscriptions and invoices)."""
    created = 1_780_000_000  # 2026-05-28
    product = {"active": True, "created": created, "description": None, "id": "prod_TESTMODE00001",
               "livemode": False, "metadata": {"product_line": "Core Platform"}, "name": "Test Product",
               "object": "product", "type": "service", "updated": created}
    price = {"active": True, "billing_scheme": "per_unit", "created": created, "currency": "usd",
             "id": "price_TESTMODE00001", "livemode": False, "metadata": {}, "object": "price",
             "product": product["id"], "recurring": {"interval": "month", "interval_count": 1,
                                                     "usage_type": "licensed"},
             "type": "recurring", "unit_amount": 100_000, "unit_amount_decimal": "100000"}
    customers, subscriptions, invoices = [], [], []
    for i in (1, 2):
        customer = {"address": {"country": "US"}, "balance": 0, "created": created, "currency": "usd",
                    "description": "test mode", "email": f"test+{i}@example.com", "id": f"cus_TESTMODE0000{i}",
                    "livemode": False, "metadata": {"salesforce_account_id": TARGET_ACCOUNT_IDS[0]},
                    "name": f"Test Customer {i}", "object": "customer"}
        sub_id, item_id = f"sub_TESTMODE0000{i}", f"si_TESTMODE0000{i}"
        subscriptions.append({
            "billing_cycle_anchor": created, "cancel_at_period_end": False, "canceled_at": None,
            "collection_method": "charge_automatically", "created": created, "currency": "usd",
            "current_period_end": created + 2 * 2_592_000, "current_period_start": created + 2_592_000,
            "customer": customer["id"], "ended_at": None, "id": sub_id,
            "items": {"data": [{"created": created, "id": item_id, "object": "subscription_item",
                                "price": {k2: price[k2] for k2 in ("currency", "id", "object", "product", "recurring",
                                                                   "unit_amount")},
                                "quantity": 3, "subscription": sub_id}],
                      "has_more": False, "object": "list", "total_count": 1,
                      "url": f"/v1/subscription_items?subscription={sub_id}"},
            "livemode": False, "metadata": {}, "object": "subscription", "start_date": created,
            "status": "active"})
        for k in (0, 1):
            start, end = created + k * 2_592_000, created + (k + 1) * 2_592_000
            invoice_id = f"in_TESTMODE000{i}{k}"
            invoices.append({
                "amount_due": 300_000, "amount_paid": 300_000, "amount_remaining": 0,
                "billing_reason": "subscription_create" if k == 0 else "subscription_cycle",
                "collection_method": "charge_automatically", "created": start, "currency": "usd",
                "customer": customer["id"], "id": invoice_id,
                "lines": {"data": [{"amount": 300_000, "currency": "usd", "description": "3 × Test Product",
                                    "id": f"il_TESTMODE000{i}{k}", "livemode": False, "object": "line_item",
                                    "period": {"end": end, "start": start},
                                    "price": {k2: price[k2] for k2 in ("id", "object", "product", "unit_amount")},
                                    "quantity": 3, "subscription": sub_id, "subscription_item": item_id,
                                    "type": "subscription"}],
                          "has_more": False, "object": "list", "total_count": 1,
                          "url": f"/v1/invoices/{invoice_id}/lines"},
                "livemode": False, "object": "invoice", "period_end": end, "period_start": start, "status": "paid",
                "subscription": sub_id, "subtotal": 300_000, "total": 300_000})
        customers.append(customer)
    return {name: [js.literal(o) for o in objects] for name, objects in (
        ("customers", customers), ("products", [product]), ("prices", [price]), ("subscriptions", subscriptions),
        ("invoices", invoices))}
