"""Billing outcomes on a tiny landing zone, with hand-computed values (issue 7).

One pipeline run for the whole module (`onstrategy run`, the real CLI), then read-only queries on `marts.*`.

The landing zone (fiscal year = calendar year, so FY2025-Q1 = 2025-01-01 .. 2025-03-31; reporting currency USD;
DatedConversionRate: JPY 150 per USD until 2025-04-01 then 100, BHD 0.4 per USD):

| account | Website | segment (ICP?) |
|---|---|---|
| A1 | https://www.Alpha.example/about | Enterprise (ICP: industry Retail) |
| A2 | beta.example | Other |
| A3, A4 | http://shared.example, www.shared.example/contact | Other (one domain, two accounts) |
| A5 | gamma.example | Other |

| Stripe customer | how it is given | expected link |
|---|---|---|
| cus_META | metadata.salesforce_account_id = A1, email at an unrelated domain | A1 by `metadata` |
| cus_DOM | batch 1: email at nowhere2.example; batch 2 (wins): AP@Gamma.Example | A5 by `email_domain` |
| cus_BADMETA | metadata names no existing account, email at beta.example | A2 by `email_domain` |
| cus_AMB | email at shared.example | unmatched: `ambiguous_email_domain` |
| cus_NONE | email at nowhere.example | unmatched: `no_account_with_email_domain` |
| cus_TEST | livemode false, metadata A1 | filtered out |

Subscriptions (MRR = unit amount x quantity normalized to a month):
- sub_1 cus_META from 2024-12-01: yearly USD 12,000.00 x 2 = 2,000/month; + item created 2025-05-01: monthly USD 100 x 3
  = 300/month (an upgrade).
- sub_2 cus_DOM 2024-11-15 .. ended 2025-02-20: weekly USD 100.00 x 3 = 100 x 3 x 52 / 12 = 1,300/month.
- sub_3 cus_BADMETA from 2024-12-20: monthly BHD 150.000 (150000 fils) = 150 BHD = 375 USD at 0.4.
- sub_4 cus_NONE 2025-01-01 .. canceled 2025-05-10 (no ended_at): monthly USD 500.
- sub_5 cus_AMB from 2025-02-01: yearly JPY 1,200,000 = 100,000 JPY/month = 1,000 USD at Q2's start rate (100).
- sub_T cus_TEST (test mode): would add 10,000/month to ICP if not filtered.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.scenario.landing import ScenarioRun, run_scenario, shared_root
from tests.scenario_billing.landing import (
    MODSTAMP,
    customer,
    invoice,
    price,
    product,
    sfid,
    subscription,
    unix,
    write_jsonl,
    write_salesforce,
)

pytestmark = pytest.mark.scenario

A1, A2, A3, A4, A5 = (sfid("001", f"A{i}") for i in range(1, 6))
REP = sfid("005", "REP1")
MISSING_ACCOUNT = sfid("001", "NOPE")

STRATEGY = textwrap.dedent("""\
    reporting_currency: USD
    fiscal_year_start_month: 1
    versions:
      - name: Billing scenario plan
        effective_from: 2024-01-01
        segments:
          - {name: Enterprise, industries: [Retail], icp: true, target_share: 0.6}
          - {name: Other, icp: false, target_share: 0.4}
        target_accounts: []
        product_lines:
          - {name: Core, families: [Core], target_share: 1.0, strategic: true}
        target_personas: [Economic Buyer]
        objectives:
          - {metric: on_strategy_share, target: 0.5, weight: 1}
    """)


def _account(account_id: str, website: str, industry: str) -> dict[str, object]:
    return {"Id": account_id, "Name": f"Account {account_id[-2:]}", "Website": website, "Industry": industry,
            "NumberOfEmployees": 500, "AnnualRevenue": 1_000_000, "BillingCountry": "US", "OwnerId": REP,
            "CreatedDate": "2024-01-02T00:00:00.000+0000", "IsDeleted": "false", "SystemModstamp": MODSTAMP}


def build_landing(folder: Path) -> None:
    role = sfid("00E", "SALES")
    write_salesforce(folder, {
        "UserRole": [{"Id": role, "Name": "Sales", "ParentRoleId": None, "SystemModstamp": MODSTAMP}],
        "User": [{"Id": REP, "Name": "Rep One", "Email": "rep1@seller.example", "IsActive": "true",
                  "UserRoleId": role, "ManagerId": None, "SystemModstamp": MODSTAMP}],
        "Account": [_account(A1, "https://www.Alpha.example/about", "Retail"),
                    _account(A2, "beta.example", "Agriculture"),
                    _account(A3, "http://shared.example", "Agriculture"),
                    _account(A4, "www.shared.example/contact", "Agriculture"),
                    _account(A5, "gamma.example", "Agriculture")],
        "Opportunity": [{"Id": sfid("006", "O1"), "AccountId": A1, "OwnerId": REP, "Name": "Alpha deal",
                         "StageName": "Closed Won", "Amount": 10000, "CurrencyIsoCode": "USD", "Probability": 100,
                         "CloseDate": "2025-01-15", "IsClosed": "true", "IsWon": "true",
                         "CreatedDate": "2024-12-01T00:00:00.000+0000", "IsDeleted": "false",
                         "SystemModstamp": MODSTAMP}],
        "DatedConversionRate": [
            {"IsoCode": "JPY", "ConversionRate": 150, "StartDate": "2024-01-01", "NextStartDate": "2025-04-01"},
            {"IsoCode": "JPY", "ConversionRate": 100, "StartDate": "2025-04-01", "NextStartDate": "2030-01-01"},
            {"IsoCode": "BHD", "ConversionRate": 0.4, "StartDate": "2024-01-01", "NextStartDate": "2030-01-01"}],
    })
    stripe = folder / "stripe"
    core, addon = product("prod_CORE", "Core"), product("prod_ADDON", None)
    p_year = price("price_YEAR_USD", "prod_CORE", "usd", 1_200_000, "year")
    p_week = price("price_WEEK_USD", "prod_CORE", "usd", 10_000, "week")
    p_bhd = price("price_MONTH_BHD", "prod_CORE", "bhd", 150_000, "month")
    p_500 = price("price_MONTH_USD", "prod_CORE", "usd", 50_000, "month")
    p_jpy = price("price_YEAR_JPY", "prod_CORE", "jpy", 1_200_000, "year")
    p_addon = price("price_ADDON_USD", "prod_ADDON", "usd", 10_000, "month")
    write_jsonl(stripe / "products.jsonl", [core, addon])
    write_jsonl(stripe / "prices.jsonl", [p_year, p_week, p_bhd, p_500, p_jpy, p_addon])
    write_jsonl(stripe / "customers" / "0001.jsonl", [
        customer("cus_META", "billing@unrelated.example", {"salesforce_account_id": A1}),
        customer("cus_DOM", "ap@nowhere2.example"),
        customer("cus_BADMETA", "finance@beta.example", {"salesforce_account_id": MISSING_ACCOUNT}),
        customer("cus_AMB", "ap@shared.example"),
        customer("cus_NONE", "ap@nowhere.example"),
        customer("cus_TEST", "test@alpha.example", {"salesforce_account_id": A1}, livemode=False),
    ])
    write_jsonl(stripe / "customers" / "0002.jsonl", [customer("cus_DOM", "AP@Gamma.Example")])
    write_jsonl(stripe / "subscriptions.jsonl", [
        subscription("sub_1", "cus_META", "2024-12-01",
                     [("si_1", p_year, 2, None), ("si_1b", p_addon, 3, "2025-05-01")]),
        subscription("sub_2", "cus_DOM", "2024-11-15", [("si_2", p_week, 3, None)], status="canceled",
                     canceled_at="2025-02-10", ended_at="2025-02-20"),
        subscription("sub_3", "cus_BADMETA", "2024-12-20", [("si_3", p_bhd, 1, None)]),
        subscription("sub_4", "cus_NONE", "2025-01-01", [("si_4", p_500, 1, None)], status="canceled",
                     canceled_at="2025-05-10"),
        subscription("sub_5", "cus_AMB", "2025-02-01", [("si_5", p_jpy, 1, None)]),
        subscription("sub_T", "cus_TEST", "2024-12-01", [("si_T", p_year, 10, None)], livemode=False),
    ])
    write_jsonl(stripe / "invoices" / "0001.jsonl", [
        invoice("in_1", "cus_META", "usd", unix("2025-02-10", hour=23), [("il_1", 123456, p_year)], status="open"),
        _with_odd_line(invoice("in_5", "cus_META", "usd", unix("2025-03-10"), [("il_5", 99900, p_year)],
                               status="open")),
        invoice("in_T", "cus_TEST", "usd", unix("2025-02-01"), [("il_T", 999999, p_year)], livemode=False),
    ])
    write_jsonl(stripe / "invoices" / "0002.jsonl", [
        invoice("in_1", "cus_META", "usd", unix("2025-02-10", hour=23), [("il_1", 123456, p_year)]),  # now paid
        invoice("in_2", "cus_DOM", "jpy", unix("2025-02-15"), [("il_2", 150_000, p_jpy)]),
        invoice("in_3", "cus_BADMETA", "bhd", unix("2025-03-01"), [("il_3", 1_234, p_bhd)]),
        invoice("in_4", "cus_NONE", "usd", unix("2025-03-05"), [("il_4", 5_000, p_500)]),
        invoice("in_7", "cus_META", "usd", unix("2025-05-01"), [("il_7", 30_000, p_addon)]),
        invoice("in_6", "cus_AMB", "jpy", unix("2025-07-15"), [("il_6", 50_000, p_jpy)]),
    ])
    _write_bad_stripe_lines(stripe, p_year, p_jpy)


# A line whose price is not expanded (an id, not an object), with its amount as a JSON string and no quantity.
ODD_LINE = {"id": "il_5_odd", "object": "line_item", "amount": "250", "currency": "usd", "price": "price_YEAR_USD",
            "quantity": None}


def _with_odd_line(document: dict[str, Any]) -> dict[str, Any]:
    document["lines"]["data"].append(ODD_LINE)
    return document


# Batch 3 of invoices: one line of each bad kind, in file order (line number, id, reason, field), then an invoice
# with an empty list of lines, which is loaded. None is billed.
BAD_INVOICE_LINES = [
    (1, None, "invalid_json", "object_json"),
    (2, "in_ORPHAN", "orphan_customer", "customer"),
    (3, "in_XXX", "unknown_currency", "currency"),
    (4, "in_NORATE", "missing_fx_rate", "created"),
    (5, "in_BADTS", "unparseable_date", "created"),
    (6, "in_DUP", "conflicting_duplicate", "id"),
    (7, "in_DUP", "conflicting_duplicate", "id"),
    (9, None, "missing_id", "id"),
    (10, "in_LINESOBJ", "malformed_lines", "lines.data"),
    (11, "in_LINESTXT", "malformed_lines", "lines.data"),
    (12, "in_LINESENC", "malformed_lines", "lines.data"),
]


def _with_lines_data(document: dict[str, Any], data: object) -> dict[str, Any]:
    document["lines"]["data"] = data
    return document


def _write_bad_stripe_lines(stripe: Path, p_year: dict[str, object], p_jpy: dict[str, object]) -> None:
    good_customer = "cus_META"
    no_id = invoice("in_NOID", good_customer, "usd", unix("2025-03-01"), [("il_NOID", 100, p_year)])
    del no_id["id"]
    lines = [
        '{"id": "in_BROKEN", "customer": ',
        invoice("in_ORPHAN", "cus_GHOST", "usd", unix("2025-03-01"), [("il_O", 100, p_year)]),
        invoice("in_XXX", good_customer, "xxx", unix("2025-03-01"), [("il_X", 100, p_year)]),
        invoice("in_NORATE", good_customer, "jpy", unix("2023-06-01"), [("il_N", 100, p_jpy)]),  # rates from 2024
        {**invoice("in_BADTS", good_customer, "usd", 0, [("il_B", 100, p_year)]), "created": "soon"},
        invoice("in_DUP", good_customer, "usd", unix("2025-03-01"), [("il_D", 100, p_year)]),
        invoice("in_DUP", good_customer, "usd", unix("2025-03-01"), [("il_D", 100, p_year)], status="void"),
        "",  # a blank line is not a record
        no_id,
        _with_lines_data(invoice("in_LINESOBJ", good_customer, "usd", unix("2025-03-01"), []),
                         {"id": "il_LO", "amount": 100}),  # one line, but not in a list: it could not be read
        _with_lines_data(invoice("in_LINESTXT", good_customer, "usd", unix("2025-03-01"), []), "il_LT"),
        # the list encoded twice: a JSON string that holds the array's text (it reads as the same text)
        _with_lines_data(invoice("in_LINESENC", good_customer, "usd", unix("2025-03-01"), []),
                         json.dumps(invoice("x", good_customer, "usd", 0, [("il_LE", 100, p_year)])["lines"]["data"])),
        invoice("in_NOLINES", good_customer, "usd", unix("2025-03-01"), []),  # an empty list is fine: loaded
    ]
    (stripe / "invoices" / "0003.jsonl").write_text(
        "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines), encoding="utf-8")
    with (stripe / "prices.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(price("price_GHOST", "prod_GHOST", "usd", 100, "month")) + "\n")


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> ScenarioRun:
    return run_scenario(shared_root(tmp_path_factory), "billing", build_landing, STRATEGY)


# --- minor units and currency conversion ---------------------------------------------------------------------------
def test_minor_units_and_conversion_at_invoice_date(wh: ScenarioRun) -> None:
    lines = {r["invoice_line_id"]: r for r in wh.rows("select * from marts.fct_billing_lines")}
    # paid live-mode lines only: in_5 is open, in_T is test mode; in_1 is open in batch 1 but paid in batch 2
    assert set(lines) == {"il_1", "il_2", "il_3", "il_4", "il_6", "il_7"}
    # USD: cents / 100; the invoice created 2025-02-10 23:00 UTC is dated 2025-02-10
    assert lines["il_1"]["amount_original"] == pytest.approx(1234.56)
    assert lines["il_1"]["amount"] == pytest.approx(1234.56)
    assert str(lines["il_1"]["invoice_date"]) == "2025-02-10"
    assert lines["il_1"]["fiscal_quarter"] == "FY2025-Q1"
    # JPY has no minor unit: 150,000 yen at 150 yen per USD (rate valid on 2025-02-15) = 1,000 USD
    assert lines["il_2"]["amount_original"] == pytest.approx(150_000)
    assert lines["il_2"]["amount"] == pytest.approx(1000.0)
    # BHD has three decimals: 1,234 fils = 1.234 BHD; at 0.4 BHD per USD = 3.085 USD
    assert lines["il_3"]["amount_original"] == pytest.approx(1.234)
    assert lines["il_3"]["amount"] == pytest.approx(3.085)
    # converted at the invoice's date: 50,000 yen on 2025-07-15 at 100 = 500 USD (not 333.33 at the old rate)
    assert lines["il_6"]["amount"] == pytest.approx(500.0)
    # product line from the Stripe product's metadata, else Unmapped
    assert lines["il_1"]["product_line"] == "Core"
    assert lines["il_7"]["product_line"] == "Unmapped"


def test_invoice_line_fields_of_another_shape_read_as_null(wh: ScenarioRun) -> None:
    # staging reads every line of in_5 (open, so not billed): the odd one keeps its id and amount (a JSON string
    # read as a number), its unexpanded price gives no price or product, and a missing quantity counts as 1
    lines = {r["invoice_line_id"]: r for r in wh.rows(
        "select * from staging.stg_stripe__invoice_lines where invoice_id = 'in_5'")}
    assert set(lines) == {"il_5", ODD_LINE["id"]}
    odd = lines[ODD_LINE["id"]]
    assert (odd["amount_minor"], odd["price_id"], odd["product_id"], odd["quantity"]) == (250, None, None, 1)
    assert (lines["il_5"]["amount_minor"], lines["il_5"]["price_id"]) == (99900, "price_YEAR_USD")


# --- customer matching ---------------------------------------------------------------------------------------------
def test_each_matching_method(wh: ScenarioRun) -> None:
    customers = {r["customer_id"]: r for r in wh.rows("select * from marts.dim_billing_customers")}
    assert set(customers) == {"cus_META", "cus_DOM", "cus_BADMETA", "cus_AMB", "cus_NONE"}  # no test-mode one
    expected = {
        "cus_META": (A1, "metadata", None),
        "cus_DOM": (A5, "email_domain", None),  # the later batch's email wins
        "cus_BADMETA": (A2, "email_domain", None),  # metadata names no account: falls back to the domain
        "cus_AMB": (None, "unmatched", "ambiguous_email_domain"),  # shared.example is A3's and A4's
        "cus_NONE": (None, "unmatched", "no_account_with_email_domain"),
    }
    for cid, (account, method, reason) in expected.items():
        row = customers[cid]
        assert (row["account_id"], row["match_method"], row["unmatched_reason"]) == (account, method, reason), cid
    assert customers["cus_DOM"]["email_domain"] == "gamma.example"
    assert customers["cus_AMB"]["email_domain_accounts"] == 2
    lines = {r["invoice_line_id"]: r for r in wh.rows("select * from marts.fct_billing_lines")}
    assert (lines["il_2"]["account_id"], lines["il_2"]["match_method"]) == (A5, "email_domain")
    assert (lines["il_4"]["account_id"], lines["il_4"]["match_method"]) == (None, "unmatched")


def test_unmatched_customers_listed_with_billed_totals(wh: ScenarioRun) -> None:
    rows = {r["customer_id"]: r for r in wh.rows("select * from marts.billing_unmatched_customers")}
    assert set(rows) == {"cus_AMB", "cus_NONE"}
    assert rows["cus_NONE"]["billed_amount"] == pytest.approx(50.0)
    assert rows["cus_AMB"]["billed_amount"] == pytest.approx(500.0)
    assert rows["cus_AMB"]["invoice_lines"] == 1
    accounts = {r["account_id"]: r["billing_customer_ids"] for r in wh.rows("select * from marts.dim_accounts")}
    assert accounts[A1] == "cus_META" and accounts[A3] is None and accounts[A4] is None


# --- MRR -----------------------------------------------------------------------------------------------------------
def test_mrr_normalization_with_quantity(wh: ScenarioRun) -> None:
    def mrr(account: str, month: str) -> dict[str, object]:
        return wh.one("select * from marts.fct_account_monthly_revenue where account_id = ? and month = ?",
                      [account, month])

    assert mrr(A1, "2024-12-01")["mrr_at_month_end"] == pytest.approx(2000.0)  # 12,000 x 2 / 12
    assert mrr(A5, "2025-01-01")["mrr_at_month_end"] == pytest.approx(1300.0)  # 100 x 3 x 52 / 12
    assert mrr(A2, "2025-01-01")["mrr_at_month_end"] == pytest.approx(375.0)  # 150 BHD / 0.4
    assert mrr(A1, "2025-05-01")["mrr_at_month_end"] == pytest.approx(2300.0)  # + upgrade item 100 x 3
    assert mrr(A1, "2025-04-01")["mrr_at_month_end"] == pytest.approx(2000.0)  # the upgrade is not there yet


def test_monthly_revenue_rows(wh: ScenarioRun) -> None:
    feb = wh.one("select * from marts.fct_account_monthly_revenue where account_id = ? and month = '2025-02-01'",
                 [A5])
    assert feb["billed_amount"] == pytest.approx(1000.0)
    assert feb["mrr_at_month_end"] == 0  # the subscription ended 2025-02-20: the churn month shows MRR 0
    assert wh.rows("select * from marts.fct_account_monthly_revenue where account_id = ? and month > '2025-02-01'",
                   [A5]) == []
    a1 = {str(r["month"]): r for r in wh.rows(
        "select * from marts.fct_account_monthly_revenue where account_id = ?", [A1])}
    assert a1["2025-02-01"]["billed_amount"] == pytest.approx(1234.56)
    assert a1["2025-03-01"]["billed_amount"] == 0  # in_5 is open, not billed revenue
    assert a1["2025-02-01"]["is_icp"] is True and a1["2025-02-01"]["segment"] == "Enterprise"
    assert a1["2025-06-01"]["is_complete_month"] is True
    assert a1["2025-07-01"]["is_complete_month"] is False  # the billing data ends 2025-07-15
    assert max(a1) == "2025-07-01"


# --- retention -----------------------------------------------------------------------------------------------------
def test_churn_and_nrr_of_a_tiny_cohort_over_two_quarters(wh: ScenarioRun) -> None:
    rows = {(r["fiscal_quarter"], r["is_icp"]): r for r in wh.rows("select * from marts.fct_retention_by_icp")}
    # FY2024-Q4 (2024-10-01 ..): nobody active on its first day, so no row; FY2025-Q3 ends after the data
    assert set(rows) == {("FY2025-Q1", True), ("FY2025-Q1", False), ("FY2025-Q2", True), ("FY2025-Q2", False),
                         ("FY2025-Q3", True), ("FY2025-Q3", False)}
    expected = {
        # ICP: cus_META only (the test-mode customer is ignored); the upgrade lifts Q2's end MRR to 2,300
        ("FY2025-Q1", True): (1, 0, 2000.0, 2000.0),
        ("FY2025-Q2", True): (1, 0, 2000.0, 2300.0),
        # non-ICP Q1: cus_DOM 1,300 (ends 2025-02-20: churned), cus_BADMETA 375, cus_NONE 500 (unmatched = non-ICP)
        ("FY2025-Q1", False): (3, 1, 2175.0, 875.0),
        # non-ICP Q2: cus_BADMETA 375, cus_NONE 500 (canceled 2025-05-10: churned), cus_AMB 100,000 yen = 1,000
        ("FY2025-Q2", False): (3, 1, 1875.0, 1375.0),
    }
    for key, (customers, churned, start, end) in expected.items():
        row = rows[key]
        assert (row["customers_at_start"], row["logos_churned"]) == (customers, churned), key
        assert row["logo_churn_rate"] == pytest.approx(churned / customers), key
        assert row["mrr_at_start"] == pytest.approx(start), key
        assert row["mrr_at_end"] == pytest.approx(end), key
        assert row["net_revenue_retention"] == pytest.approx(end / start), key
        assert row["is_complete_quarter"] is True, key
    assert rows[("FY2025-Q1", False)]["net_revenue_retention"] == pytest.approx(0.402298850)
    assert rows[("FY2025-Q2", True)]["net_revenue_retention"] == pytest.approx(1.15)
    assert rows[("FY2025-Q3", True)]["is_complete_quarter"] is False


# --- booked vs billed ----------------------------------------------------------------------------------------------
def test_booked_vs_billed(wh: ScenarioRun) -> None:
    a1 = wh.one("select * from marts.fct_booked_vs_billed_by_account where account_id = ?", [A1])
    assert a1["booked_amount"] == pytest.approx(10000.0)
    assert a1["billed_amount"] == pytest.approx(1534.56)  # 1,234.56 + 300 (the add-on)
    assert a1["billed_to_booked_ratio"] == pytest.approx(0.153456)
    assert a1["current_mrr"] == pytest.approx(2300.0)
    a5 = wh.one("select * from marts.fct_booked_vs_billed_by_account where account_id = ?", [A5])
    assert a5["booked_amount"] == 0 and a5["billed_to_booked_ratio"] is None
    assert a5["billed_amount"] == pytest.approx(1000.0) and a5["current_mrr"] == 0
    seg = {(r["fiscal_quarter"], r["segment"]): r for r in wh.rows(
        "select * from marts.fct_booked_vs_billed_by_segment")}
    q1 = seg[("FY2025-Q1", "Enterprise")]
    assert (q1["booked_amount"], q1["billed_amount"], q1["is_icp_segment"]) == (
        pytest.approx(10000.0), pytest.approx(1234.56), True)
    q2 = seg[("FY2025-Q2", "Enterprise")]
    assert q2["booked_amount"] == 0 and q2["billed_amount"] == pytest.approx(300.0)
    assert q2["cumulative_billed_to_booked_ratio"] == pytest.approx(0.153456)
    other = seg[("FY2025-Q1", "Other")]
    assert other["billed_amount"] == pytest.approx(1003.085)  # 1,000 (JPY) + 3.085 (BHD); unmatched left out
    assert other["is_icp_segment"] is False


def test_billing_page_counts_unmatched_and_links_to_data_quality(wh: ScenarioRun) -> None:
    page = (wh.site_dir / "billing.html").read_text(encoding="utf-8")
    assert "data-quality.html#unmatched-billing-customers" in page
    assert "<strong>2</strong> billing customers" in page
    assert "ap@" not in page and "Customer cus_" not in page  # no emails, no customer names


# --- quarantine of bad Stripe lines --------------------------------------------------------------------------------
def test_bad_stripe_lines_are_quarantined_with_file_line_and_reason(wh: ScenarioRun) -> None:
    quarantined = wh.query("select _source_line, id, reason, reason_field from quarantine.invoices "
                           "where _source_file = 'stripe/invoices/0003.jsonl' order by _source_line")
    assert quarantined == BAD_INVOICE_LINES
    assert wh.query("select object_json from quarantine.invoices where _source_line = 1 "
                    "and _source_file = 'stripe/invoices/0003.jsonl'") == [('{"id": "in_BROKEN", "customer": ',)]
    assert wh.query("select id, reason, reason_field from quarantine.prices") == [
        ("price_GHOST", "orphan_product", "product")]
    # nothing of the bad batch is billed, and every line read is accounted for
    assert wh.query("select count(*) from marts.fct_billing_lines where invoice_id in ('in_ORPHAN', 'in_XXX', "
                    "'in_NORATE', 'in_BADTS', 'in_DUP', 'in_LINESOBJ', 'in_LINESTXT', 'in_LINESENC')") == [(0,)]
    assert wh.query("select count(*) from staging.stg_stripe__invoices where invoice_id like 'in_LINES%'") == [(0,)]
    assert wh.query("select rows_read, rows_loaded, rows_quarantined, rows_unaccounted from audit.load_reconciliation "
                    "where source_file = 'stripe/invoices/0003.jsonl'") == [(12, 1, 11, 0)]
    assert wh.query("select invoice_id from staging.stg_stripe__invoices where _source_file = "
                    "'stripe/invoices/0003.jsonl'") == [("in_NOLINES",)]
