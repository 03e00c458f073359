"""The demo landing-zone generator: determinism, the SPEC's input contract, referential integrity and the story.

Everything is read back from the written files (pandas, duckdb, json), not from the generator's internals; the only
internal fact used is which archetype each rep has (`rep_archetypes`), which the files cannot tell.
"""

import hashlib
import json
import re
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from onstrategy.demo import generate_landing_zone, rep_archetypes
from onstrategy.demo.config import Volumes
from onstrategy.demo.exception_stories import EXPIRED_ACCOUNT_ID, LEVERAGE_ACCOUNT_ID, LONG_TERM_OPPORTUNITY_ID
from onstrategy.ingest.salesforce_ids import case_safe_suffix, to_18

SCALE, SEED = 0.1, 7
AS_OF = "2026-11-15"
FY2027_START = "2026-02-01"
TARGET_ACCOUNTS = ("0010000000TGT01AAH", "0010000000TGT02AAH")

# The SPEC's table "Inputs: the landing zone", copied here on purpose (not imported from the ingest code).
REQUIRED = {
    "User": "Id Name Email IsActive UserRoleId ManagerId SystemModstamp",
    "UserRole": "Id Name ParentRoleId",
    "Account": "Id Name Website Industry NumberOfEmployees AnnualRevenue BillingCountry OwnerId CreatedDate IsDeleted "
               "SystemModstamp",
    "Contact": "Id AccountId Title Email IsDeleted SystemModstamp",
    "Product2": "Id Name ProductCode Family IsActive SystemModstamp",
    "Opportunity": "Id AccountId OwnerId Name StageName Amount CurrencyIsoCode Probability CloseDate IsClosed IsWon "
                   "CreatedDate IsDeleted SystemModstamp",
    "OpportunityLineItem": "Id OpportunityId Product2Id Quantity UnitPrice TotalPrice IsDeleted SystemModstamp",
    "OpportunityContactRole": "Id OpportunityId ContactId Role IsPrimary IsDeleted SystemModstamp",
    "Task": "Id OwnerId AccountId WhatId Status ActivityDate IsDeleted SystemModstamp",
    "Event": "Id OwnerId AccountId WhatId ActivityDate DurationInMinutes IsDeleted SystemModstamp",
    "DatedConversionRate": "IsoCode ConversionRate StartDate NextStartDate",
    "ForecastingQuota": "Id QuotaOwnerId StartDate QuotaAmount IsDeleted SystemModstamp",
}
# Fields that reference another record: a real export mixes 15- and 18-character Ids in them.
REFERENCES = {"User": ("UserRoleId", "ManagerId"), "UserRole": ("ParentRoleId",), "Account": ("OwnerId",),
              "Contact": ("AccountId",), "Opportunity": ("AccountId", "OwnerId"),
              "OpportunityLineItem": ("OpportunityId", "Product2Id"),
              "OpportunityContactRole": ("OpportunityId", "ContactId"), "Task": ("OwnerId", "AccountId", "WhatId"),
              "Event": ("OwnerId", "AccountId", "WhatId"), "ForecastingQuota": ("QuotaOwnerId",)}
PREFIXES = {"User": "005", "UserRole": "00E", "Account": "001", "Contact": "003", "Product2": "01t",
            "Opportunity": "006", "OpportunityLineItem": "00k", "OpportunityContactRole": "00K", "Task": "00T",
            "Event": "00U", "ForecastingQuota": "0J9"}
STRIPE_FILES = ("customers", "products", "prices", "subscriptions", "invoices")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STAGE_PROBABILITY = {"Prospecting": 10, "Qualification": 20, "Needs Analysis": 30, "Value Proposition": 50,
                     "Proposal": 65, "Negotiation": 80, "Closed Won": 100, "Closed Lost": 0}
ECONOMIC_OR_FINANCE = re.compile(r"(?i)\b(?:ceo|cfo|coo|chief|president|managing director|general manager|owner|"
                                 r"executive vice|finance|controller|treasurer)\b")


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def landing(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    root = tmp_path_factory.mktemp("demo") / "landing"
    return root, generate_landing_zone(root, scale=SCALE, seed=SEED)


@pytest.fixture(scope="module")
def raw_sf(landing: tuple[Path, dict[str, int]]) -> dict[str, pd.DataFrame]:
    """The Salesforce files as written."""
    root, _ = landing
    return {name: pd.read_csv(root / "salesforce" / f"{name}.csv", dtype=str, keep_default_na=False)
            for name in REQUIRED}


@pytest.fixture(scope="module")
def sf(raw_sf: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The Salesforce files with every reference in its 18-character form, as a consumer must read them."""
    normalised = {}
    for name, frame in raw_sf.items():
        frame = frame.copy()
        for column in REFERENCES.get(name, ()):
            frame[column] = frame[column].map(to_18)
        normalised[name] = frame
    return normalised


@pytest.fixture(scope="module")
def stripe(landing: tuple[Path, dict[str, int]]) -> dict[str, list[dict]]:
    root, _ = landing
    return {name: [json.loads(line) for line in (root / "stripe" / f"{name}.jsonl").read_text("utf-8").splitlines()]
            for name in STRIPE_FILES}


@pytest.fixture(scope="module")
def bookings(sf: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Booking lines in USD with the owner's archetype, the account's ICP flag and the product family."""
    opp, lines = sf["Opportunity"], sf["OpportunityLineItem"]
    won = opp[opp["IsWon"] == "true"]
    rates = sf["DatedConversionRate"].assign(rate=lambda d: d["ConversionRate"].astype(float))
    merged = lines.merge(won[["Id", "AccountId", "OwnerId", "CloseDate", "CurrencyIsoCode"]],
                         left_on="OpportunityId", right_on="Id", suffixes=("", "_opp"))
    merged = merged.merge(sf["Product2"][["Id", "Family"]], left_on="Product2Id", right_on="Id",
                          suffixes=("", "_product"))
    merged["month"] = merged["CloseDate"].str[:7] + "-01"
    merged = merged.merge(rates[["IsoCode", "StartDate", "rate"]], left_on=["CurrencyIsoCode", "month"],
                          right_on=["IsoCode", "StartDate"])
    merged["usd"] = merged["TotalPrice"].astype(float) / merged["rate"]
    accounts = sf["Account"].assign(
        employees=lambda d: pd.to_numeric(d["NumberOfEmployees"], errors="coerce"))
    icp = accounts["Industry"].isin(["Retail", "Apparel", "Banking", "Insurance"]) & (accounts["employees"] >= 1000)
    merged["is_icp"] = merged["AccountId"].map(dict(zip(accounts["Id"], icp, strict=True)))
    merged["archetype"] = merged["OwnerId"].map(rep_archetypes(SCALE, SEED))
    assert merged["archetype"].notna().all()
    return merged


def _share(frame: pd.DataFrame, mask: pd.Series) -> float:
    return float(frame.loc[mask, "usd"].sum() / frame["usd"].sum())


# --- determinism -------------------------------------------------------------------------------------------------

def test_same_seed_same_bytes(landing: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    root, counts = landing
    again = generate_landing_zone(tmp_path / "again", scale=SCALE, seed=SEED)
    assert again == counts
    first, second = _digest(root), _digest(tmp_path / "again")
    assert len(first) == 17
    assert first == second


def test_different_seed_different_data(landing: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    root, _ = landing
    generate_landing_zone(tmp_path / "other", scale=SCALE, seed=SEED + 1)
    first, second = _digest(root), _digest(tmp_path / "other")
    changed = {name for name in first if first[name] != second[name]}
    # Only the fixed org chart (roles) and product catalogue may coincide.
    assert set(first) - changed <= {"salesforce/UserRole.csv", "salesforce/Product2.csv"}


def test_counts_match_files(landing: tuple[Path, dict[str, int]], sf: dict[str, pd.DataFrame],
                            stripe: dict[str, list[dict]]) -> None:
    _, counts = landing
    assert {f"salesforce/{name}.csv": len(frame) for name, frame in sf.items()} == {
        k: v for k, v in counts.items() if k.startswith("salesforce/")}
    assert {f"stripe/{name}.jsonl": len(objs) for name, objs in stripe.items()} == {
        k: v for k, v in counts.items() if k.startswith("stripe/")}


def test_volumes_scale_linearly() -> None:
    small, one, big = Volumes.for_scale(0.1), Volumes.for_scale(1), Volumes.for_scale(100)
    assert (small.reps, one.reps, big.reps) == (5, 40, 4000)
    assert (one.accounts, one.opportunities, one.tasks + one.events) == (3000, 15000, 150_000)
    assert (big.opportunities, big.tasks + big.events) == (1_500_000, 15_000_000)
    assert (one.teams_per_kind, big.teams_per_kind) == (1, 10)
    for bad in (0, -1, float("nan"), float("inf")):
        with pytest.raises(ValueError):
            Volumes.for_scale(bad)


# --- the landing-zone contract -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_required_columns_present(sf: dict[str, pd.DataFrame], name: str) -> None:
    missing = set(REQUIRED[name].split()) - set(sf[name].columns)
    assert not missing


@pytest.mark.parametrize("name", sorted(PREFIXES))
def test_ids_unique_18_chars_with_key_prefix(sf: dict[str, pd.DataFrame], name: str) -> None:
    ids = sf[name]["Id"]
    assert len(ids) > 0
    assert ids.is_unique
    assert (ids.str.len() == 18).all()
    assert (ids.str[:3] == PREFIXES[name]).all()
    # as the API writes them: 15 case-sensitive characters, unique on their own, then their case-safe checksum
    assert ids.str[:15].is_unique
    assert (ids.str[15:] == ids.str[:15].map(case_safe_suffix)).all()


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_references_mix_15_and_18_character_ids(raw_sf: dict[str, pd.DataFrame], name: str) -> None:
    """As a landing zone assembled from reports and API exports does: a third of each reference column."""
    for column in REFERENCES[name]:
        values = raw_sf[name][column]
        values = values[values != ""]
        if len(values) < 3:
            continue
        lengths = values.str.len().value_counts(normalize=True)
        assert set(lengths.index) == {15, 18}, (name, column)
        assert 0.2 < lengths[15] < 0.45, (name, column)


@pytest.mark.parametrize(("child", "column", "parent"), [
    ("User", "UserRoleId", "UserRole"), ("User", "ManagerId", "User"), ("UserRole", "ParentRoleId", "UserRole"),
    ("Account", "OwnerId", "User"), ("Contact", "AccountId", "Account"), ("Opportunity", "AccountId", "Account"),
    ("Opportunity", "OwnerId", "User"), ("OpportunityLineItem", "OpportunityId", "Opportunity"),
    ("OpportunityLineItem", "Product2Id", "Product2"), ("OpportunityContactRole", "OpportunityId", "Opportunity"),
    ("OpportunityContactRole", "ContactId", "Contact"), ("Task", "OwnerId", "User"), ("Task", "AccountId", "Account"),
    ("Event", "OwnerId", "User"), ("Event", "AccountId", "Account"), ("ForecastingQuota", "QuotaOwnerId", "User"),
])
def test_foreign_keys_resolve(sf: dict[str, pd.DataFrame], child: str, column: str, parent: str) -> None:
    values = sf[child][column]
    values = values[values != ""]
    assert len(values) > 0
    assert values.isin(sf[parent]["Id"]).all()


@pytest.mark.parametrize("name", ["Task", "Event"])
def test_activity_what_ids(sf: dict[str, pd.DataFrame], name: str) -> None:
    frame = sf[name]
    what = frame["WhatId"]
    assert what[what.str.startswith("001")].isin(sf["Account"]["Id"]).all()
    assert what[what.str.startswith("006")].isin(sf["Opportunity"]["Id"]).all()
    assert set(what[what != ""].str[:3]) == {"001", "006"}
    no_account = frame["AccountId"] == ""
    assert 0.12 <= no_account.mean() <= 0.32
    assert (no_account & what.str.startswith("001")).any()
    assert (no_account & what.str.startswith("006")).any()
    neither = (no_account & (what == "")).mean()
    assert 0.0 < neither <= 0.05


def test_csv_formats(sf: dict[str, pd.DataFrame]) -> None:
    for name, frame in sf.items():
        for column in frame.columns:
            values = frame[column][frame[column] != ""]
            if column in ("IsActive", "IsDeleted", "IsClosed", "IsWon", "IsPrimary"):
                assert set(values) <= {"true", "false"}, (name, column)
            if column in ("CreatedDate", "SystemModstamp"):
                assert values.str.match(DATETIME).all(), (name, column)
            if column in ("CloseDate", "ActivityDate", "StartDate", "NextStartDate"):
                assert values.str.match(DATE).all(), (name, column)
    assert (sf["Account"]["IsDeleted"] == "false").all()


def test_csv_round_trip_through_duckdb(landing: tuple[Path, dict[str, int]], sf: dict[str, pd.DataFrame]) -> None:
    root, _ = landing
    with duckdb.connect() as con:
        for name, frame in sf.items():
            path = root / "salesforce" / f"{name}.csv"
            relation = con.read_csv(str(path), all_varchar=True, header=True)
            assert relation.columns == list(frame.columns)
            rows = relation.fetchall()
            assert len(rows) == len(frame), name
        # quoting survives: names with commas, quotes and accents come back as written
        names = {r[0] for r in con.read_csv(str(root / "salesforce" / "Account.csv"), all_varchar=True)
                 .project("Name").fetchall()}
    assert names == set(sf["Account"]["Name"])
    assert any("," in n for n in names)
    assert any(any(ch in n for ch in "'&") for n in names)
    assert any(not n.isascii() for n in names)


def test_accounts_unique_names_and_domains(sf: dict[str, pd.DataFrame]) -> None:
    accounts = sf["Account"]
    assert accounts["Name"].is_unique
    website = accounts["Website"][accounts["Website"] != ""]
    domain = website.str.lower().str.replace(r"^https?://", "", regex=True).str.replace(r"^www\.", "", regex=True)
    domain = domain.str.split("/").str[0]
    assert domain.is_unique
    assert len(website) >= 0.95 * len(accounts)
    assert set(accounts["BillingCountry"]) >= {"US", "GB", "DE", "JP"}
    assert accounts["BillingCountry"].str.fullmatch(r"[A-Z]{2}").all()


def test_target_accounts_exist_off_icp_with_fy2027_wins(sf: dict[str, pd.DataFrame]) -> None:
    accounts = sf["Account"].set_index("Id")
    opp = sf["Opportunity"]
    for account_id in TARGET_ACCOUNTS:
        account = accounts.loc[account_id]
        assert account["Industry"] == "Technology"
        assert 200 <= int(account["NumberOfEmployees"]) <= 999
        won = opp[(opp["AccountId"] == account_id) & (opp["IsWon"] == "true")]
        assert (won["CloseDate"] >= FY2027_START).sum() >= 2


def test_opportunity_lifecycle(sf: dict[str, pd.DataFrame]) -> None:
    opp = sf["Opportunity"]
    assert (opp["Probability"].astype(int) == opp["StageName"].map(STAGE_PROBABILITY)).all()
    closed = opp["StageName"].str.startswith("Closed")
    assert ((opp["IsClosed"] == "true") == closed).all()
    assert ((opp["IsWon"] == "true") == (opp["StageName"] == "Closed Won")).all()
    created = pd.to_datetime(opp["CreatedDate"].str[:10])
    close = pd.to_datetime(opp["CloseDate"])
    cycle = (close - created).dt.days
    long_term = opp["Id"] == LONG_TERM_OPPORTUNITY_ID  # the one the demo strategy's exception justifies
    assert long_term.sum() == 1 and (cycle[long_term] > 2 * 365).all()
    assert opp.loc[long_term, "StageName"].tolist() == ["Closed Won"]
    assert (cycle[~long_term] >= 20).all() and (cycle[~long_term] <= 180).all()
    assert (opp.loc[closed, "CloseDate"] <= AS_OF).all()
    assert (opp.loc[~closed, "CloseDate"] > AS_OF).all()
    assert (opp["CreatedDate"].str[:10] >= "2024-02-01").all()
    win_rate = (opp["IsWon"] == "true").sum() / closed.sum()
    assert 0.33 <= win_rate <= 0.5
    assert set(opp["CurrencyIsoCode"]) >= {"USD", "EUR", "GBP", "JPY"}
    assert 0.02 < (~closed).mean() < 0.25


def test_amount_is_sum_of_line_totals(sf: dict[str, pd.DataFrame]) -> None:
    lines = sf["OpportunityLineItem"]
    quantity, unit, total = (lines[c].astype(float) for c in ("Quantity", "UnitPrice", "TotalPrice"))
    assert np.allclose(quantity * unit, total, rtol=0, atol=0.005)
    assert (quantity > 0).all() and (unit > 0).all()
    cents = (lines.assign(c=(total * 100).round().astype("int64")).groupby("OpportunityId")["c"].sum())
    opp = sf["Opportunity"]
    won = opp[opp["IsWon"] == "true"]
    with_lines = won[won["Id"].isin(cents.index)]
    amount_cents = (with_lines["Amount"].astype(float) * 100).round().astype("int64")
    assert (amount_cents.to_numpy() == cents.loc[with_lines["Id"]].to_numpy()).all()
    without = 1 - len(with_lines) / len(won)
    assert 0.005 <= without <= 0.08
    assert (won["Amount"] != "").all()
    jpy = opp[opp["CurrencyIsoCode"] == "JPY"]["Amount"].astype(float).median()
    usd = opp[opp["CurrencyIsoCode"] == "USD"]["Amount"].astype(float).median()
    assert 40 < jpy / usd < 600


def test_contact_roles(sf: dict[str, pd.DataFrame]) -> None:
    roles = sf["OpportunityContactRole"]
    per_opp = roles.groupby("OpportunityId").size()
    assert per_opp.index.nunique() == len(sf["Opportunity"])
    assert per_opp.between(1, 3).all()
    primaries = roles[roles["IsPrimary"] == "true"].groupby("OpportunityId").size()
    assert (primaries == 1).all()
    assert 0.9 <= len(primaries) / len(per_opp) < 1.0
    assert set(roles["Role"]) == {"Decision Maker", "Economic Buyer", "Evaluator", "Influencer", "Technical Buyer",
                                  "Business User"}
    contact_account = sf["Contact"].set_index("Id")["AccountId"]
    opp_account = sf["Opportunity"].set_index("Id")["AccountId"]
    assert (roles["ContactId"].map(contact_account).to_numpy() == roles["OpportunityId"].map(opp_account)
            .to_numpy()).all()


def test_contacts_look_like_people(sf: dict[str, pd.DataFrame]) -> None:
    contacts = sf["Contact"]
    email = contacts["Email"][contacts["Email"] != ""]
    assert email.str.fullmatch(r"[a-z]+(?:[a-z.]*[a-z])?\.[a-z]+@[a-z0-9.-]+\.[a-z.]+").mean() > 0.95
    assert (contacts["Title"] == "").any()
    titles = set(contacts["Title"])
    assert {"CFO", "Chief Financial Officer", "Director of IT", "Procurement Manager"} & titles
    assert len(titles) > 30
    assert contacts["Phone"].str.startswith("+").mean() > 0.8


def test_conversion_rates_cover_every_date(sf: dict[str, pd.DataFrame], stripe: dict[str, list[dict]]) -> None:
    rates = sf["DatedConversionRate"]
    assert (rates.loc[rates["IsoCode"] == "USD", "ConversionRate"].astype(float) == 1).all()
    # as Salesforce writes it: the current period of each currency is open-ended, no period starts in the future
    current = rates.groupby("IsoCode")["StartDate"].max()
    assert (current == AS_OF[:7] + "-01").all()
    open_ended = rates[rates["NextStartDate"] == "9999-12-31"]
    assert sorted(open_ended["IsoCode"]) == sorted(current.index)
    assert set(open_ended["StartDate"]) == {AS_OF[:7] + "-01"}
    periods = rates.assign(start=rates["StartDate"], end=rates["NextStartDate"])
    opp = sf["Opportunity"]
    for currency, day in zip(opp["CurrencyIsoCode"], opp["CloseDate"], strict=True):
        of_currency = periods[periods["IsoCode"] == currency]
        assert ((of_currency["start"] <= day) & (day < of_currency["end"])).sum() == 1, (currency, day)
    jpy = rates.loc[rates["IsoCode"] == "JPY", "ConversionRate"].astype(float)
    assert jpy.min() > 100 and jpy.max() < 220


def test_users_and_roles(sf: dict[str, pd.DataFrame]) -> None:
    users, roles = sf["User"], sf["UserRole"]
    teams = {"Enterprise East", "Enterprise West", "Mid-Market", "Commercial", "International"}
    assert teams <= set(roles["Name"])
    assert (roles["ParentRoleId"] == "").sum() == 1
    reps = users[users["Id"].isin(rep_archetypes(SCALE, SEED))]
    assert len(reps) == 5
    role_names = reps["UserRoleId"].map(roles.set_index("Id")["Name"])
    assert set(role_names) == teams
    assert users["Email"].is_unique


def test_quotas_are_monthly_per_seller(sf: dict[str, pd.DataFrame]) -> None:
    quotas = sf["ForecastingQuota"]
    assert (quotas["StartDate"].str[8:] == "01").all() and (quotas["CurrencyIsoCode"] == "USD").all()
    assert quotas["StartDate"].min() == "2024-02-01" and quotas["StartDate"].max() == "2027-01-01"
    sellers = set(sf["Opportunity"]["OwnerId"])
    assert set(quotas["QuotaOwnerId"]) <= sellers
    per_owner = quotas.groupby("QuotaOwnerId")
    assert (per_owner["StartDate"].nunique() == per_owner.size()).all()  # one quota a month
    amounts = quotas["QuotaAmount"].astype(float)
    assert (amounts % 5000 == 0).all() and amounts.min() >= 10_000


# --- Stripe --------------------------------------------------------------------------------------------------------

def test_stripe_objects_parse_with_integer_amounts(stripe: dict[str, list[dict]]) -> None:
    for name, objects in stripe.items():
        assert objects, name
        assert len({o["id"] for o in objects}) == len(objects)
        assert all(isinstance(o["created"], int) for o in objects)
        assert all(isinstance(o["livemode"], bool) for o in objects)
        test_mode = [o for o in objects if not o["livemode"]]
        assert 1 <= len(test_mode) <= 4, name
    for invoice in stripe["invoices"]:
        assert invoice["object"] == "invoice" and invoice["status"] in {"paid", "open", "void"}
        lines = invoice["lines"]["data"]
        assert lines and invoice["lines"]["total_count"] == len(lines)
        for line in lines:
            assert isinstance(line["amount"], int) and isinstance(line["quantity"], int)
            assert line["amount"] == line["price"]["unit_amount"] * line["quantity"]
            assert {"id", "product"} <= set(line["price"]) and line["period"]["start"] < line["period"]["end"]
        assert invoice["total"] == sum(line["amount"] for line in lines)
    for price in stripe["prices"]:
        assert isinstance(price["unit_amount"], int) and price["recurring"]["interval"] in {"year", "month", "week"}


def test_stripe_links_to_crm(sf: dict[str, pd.DataFrame], stripe: dict[str, list[dict]]) -> None:
    accounts = sf["Account"]
    domains = (accounts["Website"].str.lower().str.replace(r"^https?://", "", regex=True)
               .str.replace(r"^www\.", "", regex=True).str.split("/").str[0])
    domain_to_account = dict(zip(domains, accounts["Id"], strict=True))
    live = [c for c in stripe["customers"] if c["livemode"]]
    methods = []
    for customer in live:
        account = customer["metadata"].get("salesforce_account_id")
        if account:
            assert to_18(account) in set(accounts["Id"])
            methods.append("metadata")
        elif customer["email"].split("@")[1] in domain_to_account:
            methods.append("email_domain")
        else:
            methods.append("unmatched")
    share = pd.Series(methods).value_counts(normalize=True)
    assert 0.7 < share["metadata"] < 0.9
    assert 0.08 < share["email_domain"] < 0.3
    assert share.get("unmatched", 0) < 0.08
    won_accounts = set(sf["Opportunity"].loc[sf["Opportunity"]["IsWon"] == "true", "AccountId"])
    assert len(live) == len(won_accounts)
    assert any(c["currency"] == "jpy" for c in live)
    lines = {p["metadata"].get("product_line") for p in stripe["products"]}
    assert {"Core Platform", "Analytics Cloud", "AI Copilot", "Services", "Legacy On-Prem", None} == lines
    for subscription in stripe["subscriptions"]:
        for item in subscription["items"]["data"]:
            assert item["price"]["recurring"]["interval"] in {"year", "month", "week"}
            assert item["price"]["currency"] == subscription["currency"]


def test_non_icp_customers_churn_more(sf: dict[str, pd.DataFrame], stripe: dict[str, list[dict]]) -> None:
    accounts = sf["Account"].assign(employees=lambda d: pd.to_numeric(d["NumberOfEmployees"], errors="coerce"))
    icp_ids = set(accounts.loc[accounts["Industry"].isin(["Retail", "Apparel", "Banking", "Insurance"])
                               & (accounts["employees"] >= 1000), "Id"])
    opp_account = sf["Opportunity"].set_index("Id")["AccountId"]
    rows = [(opp_account[s["metadata"]["salesforce_opportunity_id"]] in icp_ids, s["status"] == "canceled")
            for s in stripe["subscriptions"] if s["livemode"]]
    frame = pd.DataFrame(rows, columns=["icp", "canceled"])
    rate = frame.groupby("icp")["canceled"].mean()
    assert rate[False] > 1.8 * rate[True]


# --- the story -----------------------------------------------------------------------------------------------------

def test_comfort_zone_reps_sell_core(bookings: pd.DataFrame) -> None:
    comfort = bookings[bookings["archetype"] == "comfort_zone"]
    others = bookings[bookings["archetype"] != "comfort_zone"]
    assert _share(comfort, comfort["Family"] == "Core") > 0.8
    assert _share(others, others["Family"] == "Core") < 0.7


def test_opportunists_sell_off_icp(bookings: pd.DataFrame) -> None:
    followers = bookings[bookings["archetype"] == "strategy_follower"]
    opportunists = bookings[bookings["archetype"] == "off_icp_opportunist"]
    follower_icp = _share(followers, followers["is_icp"])
    assert follower_icp > 0.4
    assert _share(opportunists, opportunists["is_icp"]) < 0.3 * follower_icp
    assert _share(opportunists, opportunists["Family"] == "Legacy") > 2 * _share(followers,
                                                                                 followers["Family"] == "Legacy")


def test_ai_launches_in_fy2027_mostly_with_followers(bookings: pd.DataFrame) -> None:
    ai = bookings["Family"] == "AI"
    assert (bookings.loc[ai, "CloseDate"] >= FY2027_START).all()
    fy2027 = bookings[bookings["CloseDate"] >= FY2027_START]
    followers = fy2027[fy2027["archetype"] == "strategy_follower"]
    others = fy2027[fy2027["archetype"] != "strategy_follower"]
    assert _share(followers, followers["Family"] == "AI") > 3 * _share(others, others["Family"] == "AI")
    assert _share(fy2027, fy2027["Family"] == "AI") < 0.2  # most reps ignore the new line at first


def test_hunters_win_new_logos_farmers_expand(bookings: pd.DataFrame) -> None:
    first_win = bookings.groupby("AccountId")["CloseDate"].transform("min")
    new_logo = bookings["CloseDate"] == first_win
    hunters = bookings["archetype"] == "new_logo_hunter"
    farmers = bookings["archetype"] == "account_farmer"
    hunter_share = _share(bookings[hunters], new_logo[hunters])
    farmer_share = _share(bookings[farmers], new_logo[farmers])
    assert hunter_share > 2 * farmer_share


def test_followers_engage_economic_buyers(sf: dict[str, pd.DataFrame]) -> None:
    roles = sf["OpportunityContactRole"]
    primary = roles[roles["IsPrimary"] == "true"].merge(sf["Contact"][["Id", "Title"]], left_on="ContactId",
                                                         right_on="Id", suffixes=("", "_contact"))
    owner = sf["Opportunity"].set_index("Id")["OwnerId"].map(rep_archetypes(SCALE, SEED))
    primary["archetype"] = primary["OpportunityId"].map(owner)
    primary["economic"] = primary["Title"].str.contains(ECONOMIC_OR_FINANCE)
    follower = primary["archetype"] == "strategy_follower"
    assert primary.loc[follower, "economic"].mean() > 0.4
    assert primary.loc[follower, "economic"].mean() > 1.8 * primary.loc[~follower, "economic"].mean()


def test_opportunists_spend_time_off_icp(sf: dict[str, pd.DataFrame]) -> None:
    accounts = sf["Account"].assign(employees=lambda d: pd.to_numeric(d["NumberOfEmployees"], errors="coerce"))
    icp = dict(zip(accounts["Id"], accounts["Industry"].isin(["Retail", "Apparel", "Banking", "Insurance"])
                   & (accounts["employees"] >= 1000), strict=True))
    events = sf["Event"]
    events = events[events["AccountId"] != ""]
    minutes = events["DurationInMinutes"].astype(int)
    archetype = events["OwnerId"].map(rep_archetypes(SCALE, SEED))
    on_icp = events["AccountId"].map(icp)

    def time_share(name: str) -> float:
        mask = archetype == name
        return float(minutes[mask & on_icp].sum() / minutes[mask].sum())

    assert time_share("off_icp_opportunist") < 0.1
    assert time_share("strategy_follower") > 0.4


def test_the_exceptions_of_the_demo_strategy_have_their_story(sf: dict[str, pd.DataFrame]) -> None:
    accounts = sf["Account"].set_index("Id")
    for account_id in (LEVERAGE_ACCOUNT_ID, EXPIRED_ACCOUNT_ID):  # Mid-Market Manufacturing: outside every ICP
        assert accounts.loc[account_id, "Industry"] == "Manufacturing"
        assert 200 <= int(accounts.loc[account_id, "NumberOfEmployees"]) < 1000
    opp = sf["Opportunity"]
    won = opp[opp["StageName"] == "Closed Won"]
    on_account = won["AccountId"].map(to_18)
    assert (won.loc[on_account == LEVERAGE_ACCOUNT_ID, "CloseDate"] >= "2026-02-01").sum() >= 1
    # the expired exception ended on 2026-05-01: the account has wins on or after that day
    assert (won.loc[on_account == EXPIRED_ACCOUNT_ID, "CloseDate"] >= "2026-05-01").sum() >= 1
    long_term = opp[opp["Id"] == LONG_TERM_OPPORTUNITY_ID].iloc[0]
    assert long_term["CloseDate"] == "2026-06-18" and long_term["CreatedDate"][:10] == "2024-02-01"
    assert 200 <= int(accounts.loc[to_18(long_term["AccountId"]), "NumberOfEmployees"]) < 1000  # Mid-Market
