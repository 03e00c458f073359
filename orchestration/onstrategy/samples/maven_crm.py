"""Convert the Maven Analytics "CRM Sales Opportunities" sample into a Salesforce-format landing zone.

The sample is real and has real quirks; the mapping keeps them visible rather than cleaning them away:

- `sales_teams.csv` (agents, managers, regional offices): `User` for agents and managers, `UserRole` with one role
  per regional office under a "Sales" root role.
- `accounts.csv`: `Account`; sector -> Industry (the misspelled `technolgy` kept as is), employees, revenue,
  office location -> BillingCountry (country names such as `Philipines`), subsidiary_of -> ParentId.
- `products.csv`: `Product2`; series -> Family, product name -> ProductCode.
- `sales_pipeline.csv`: `Opportunity` (deal stage -> StageName/Probability/IsClosed/IsWon, engage date ->
  CreatedDate, close value -> Amount) and, for won deals, one `OpportunityLineItem` of the deal's product
  (Quantity 1, TotalPrice = close value). The pipeline's `GTXPro` is matched to the product `GTX Pro` by comparing
  names without spaces.

Open deals without an account keep an empty AccountId; prospecting deals without an engage date keep an empty
CreatedDate (the pipeline must cope with both). There are no contacts or activities in the sample: those
files are written with a header and no rows. All amounts are USD; no DatedConversionRate file is written.

Usage: `python -m onstrategy.samples.maven_crm SAMPLE_DIR OUT_DIR`.
"""

import sys
from pathlib import Path

import pandas as pd

STAGES = {  # deal_stage -> (StageName, Probability, IsClosed, IsWon)
    "Won": ("Closed Won", 100, True, True),
    "Lost": ("Closed Lost", 0, True, False),
    "Engaging": ("Needs Analysis", 30, False, False),
    "Prospecting": ("Prospecting", 10, False, False),
}
MODSTAMP = "2018-01-01T00:00:00.000+0000"
EMPTY_OBJECTS = {
    "Contact": "Id,AccountId,Title,Email,IsDeleted,SystemModstamp",
    "OpportunityContactRole": "Id,OpportunityId,ContactId,Role,IsPrimary,IsDeleted,SystemModstamp",
    "Task": "Id,OwnerId,AccountId,WhatId,Status,ActivityDate,IsDeleted,SystemModstamp",
    "Event": "Id,OwnerId,AccountId,WhatId,ActivityDate,DurationInMinutes,IsDeleted,SystemModstamp",
}


def _sf_id(prefix: str, suffix: pd.Series | str) -> pd.Series | str:
    """An 18-character Id with a real Salesforce key prefix."""
    if isinstance(suffix, str):
        return prefix + suffix.rjust(15, "0")
    return prefix + suffix.astype(str).str.rjust(15, "0")


def _numbered(names: pd.Series, prefix: str) -> dict[str, str]:
    ordered = sorted(names.dropna().unique())
    return {name: _sf_id(prefix, str(i)) for i, name in enumerate(ordered, start=1)}


def _bool(values: pd.Series) -> pd.Series:
    return values.map({True: "true", False: "false"})


def _product_key(names: pd.Series) -> pd.Series:
    return names.str.replace(" ", "", regex=False).str.lower()


def convert(sample: Path, out: Path) -> dict[str, int]:
    """Write the landing zone; return row counts per written file."""
    teams = pd.read_csv(sample / "sales_teams.csv", dtype=str)
    accounts = pd.read_csv(sample / "accounts.csv", dtype=str)
    products = pd.read_csv(sample / "products.csv", dtype=str)
    pipeline = pd.read_csv(sample / "sales_pipeline.csv", dtype=str)

    role_ids = _numbered(teams["regional_office"], "00E")
    root_role = _sf_id("00E", "0")
    user_ids = _numbered(pd.concat([teams["sales_agent"], teams["manager"]]), "005")
    account_ids = _numbered(accounts["account"], "001")
    product_ids = dict(zip(_product_key(products["product"]), _sf_id("01t", pd.Series(range(1, len(products) + 1))),
                           strict=True))

    roles = pd.DataFrame({"Id": [root_role, *role_ids.values()], "Name": ["Sales", *role_ids.keys()],
                          "ParentRoleId": [None] + [root_role] * len(role_ids)})
    manager_office = teams.drop_duplicates("manager").set_index("manager")["regional_office"]
    agents = pd.DataFrame({"Name": teams["sales_agent"], "office": teams["regional_office"],
                           "ManagerId": teams["manager"].map(user_ids), "Title": "Sales Agent"})
    managers = pd.DataFrame({"Name": manager_office.index, "office": manager_office.values, "ManagerId": None,
                             "Title": "Sales Manager"})
    users = pd.concat([agents, managers], ignore_index=True)
    users.insert(0, "Id", users["Name"].map(user_ids))
    users["Email"] = users["Name"].str.lower().str.replace(r"[^a-z]+", ".", regex=True) + "@maven.example"
    users["IsActive"] = "true"
    users["UserRoleId"] = users.pop("office").map(role_ids)
    users["SystemModstamp"] = MODSTAMP

    won = pipeline[pipeline["deal_stage"] == "Won"]
    owner = (won.dropna(subset=["account"]).groupby(["account", "sales_agent"]).size().rename("n").reset_index()
             .sort_values(["account", "n", "sales_agent"], ascending=[True, False, True])
             .drop_duplicates("account").set_index("account")["sales_agent"])
    first_seen = pipeline.dropna(subset=["account"]).groupby("account")["engage_date"].min()
    account_rows = pd.DataFrame({
        "Id": accounts["account"].map(account_ids),
        "Name": accounts["account"],
        "Website": None,
        "Industry": accounts["sector"],
        "NumberOfEmployees": accounts["employees"],
        "AnnualRevenue": accounts["revenue"],
        "BillingCountry": accounts["office_location"],
        "OwnerId": accounts["account"].map(owner).map(user_ids),
        "CreatedDate": accounts["account"].map(first_seen).fillna("2016-10-01") + "T00:00:00.000+0000",
        "IsDeleted": "false",
        "SystemModstamp": MODSTAMP,
        "ParentId": accounts["subsidiary_of"].map(account_ids),
    })

    product_rows = pd.DataFrame({
        "Id": _product_key(products["product"]).map(product_ids),
        "Name": products["product"],
        "ProductCode": products["product"].str.upper().str.replace(" ", "-", regex=False),
        "Family": products["series"],
        "IsActive": "true",
        "SystemModstamp": MODSTAMP,
    })

    stage = pipeline["deal_stage"].map(STAGES)
    opportunity_ids = _sf_id("006", pipeline["opportunity_id"])
    opportunities = pd.DataFrame({
        "Id": opportunity_ids,
        "AccountId": pipeline["account"].map(account_ids),
        "OwnerId": pipeline["sales_agent"].map(user_ids),
        "Name": pipeline["opportunity_id"] + " " + pipeline["product"],
        "StageName": stage.str[0],
        "Amount": pipeline["close_value"],
        "CurrencyIsoCode": "USD",
        "Probability": stage.str[1].astype(str),
        "CloseDate": pipeline["close_date"],
        "IsClosed": _bool(stage.str[2]),
        "IsWon": _bool(stage.str[3]),
        "CreatedDate": pipeline["engage_date"] + "T00:00:00.000+0000",
        "IsDeleted": "false",
        "SystemModstamp": MODSTAMP,
    })
    won_mask = pipeline["deal_stage"] == "Won"
    line_items = pd.DataFrame({
        "Id": _sf_id("00k", pipeline.loc[won_mask, "opportunity_id"]),
        "OpportunityId": opportunity_ids[won_mask],
        "Product2Id": _product_key(pipeline.loc[won_mask, "product"]).map(product_ids),
        "Quantity": "1",
        "UnitPrice": pipeline.loc[won_mask, "close_value"],
        "TotalPrice": pipeline.loc[won_mask, "close_value"],
        "IsDeleted": "false",
        "SystemModstamp": MODSTAMP,
    })

    salesforce = out / "salesforce"
    salesforce.mkdir(parents=True, exist_ok=True)
    frames = {"User": users, "UserRole": roles, "Account": account_rows, "Product2": product_rows,
              "Opportunity": opportunities, "OpportunityLineItem": line_items}
    counts = {}
    for name, frame in frames.items():
        frame.to_csv(salesforce / f"{name}.csv", index=False)
        counts[f"salesforce/{name}.csv"] = len(frame)
    for name, header in EMPTY_OBJECTS.items():
        (salesforce / f"{name}.csv").write_text(header + "\n", encoding="utf-8")
        counts[f"salesforce/{name}.csv"] = 0
    return counts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m onstrategy.samples.maven_crm SAMPLE_DIR OUT_DIR", file=sys.stderr)
        return 2
    counts = convert(Path(args[0]), Path(args[1]))
    print(f"wrote {sum(counts.values()):,} records in {len(counts)} files to {args[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
