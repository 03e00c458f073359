"""A tiny landing-zone builder for scenario tests, plus helpers to run the real CLI once per landing zone.

Each scenario writes its own Salesforce CSVs (headers exactly as `onstrategy.ingest.contracts` requires, unspecified
columns filled with sensible defaults) and its own strategy.yml, runs `onstrategy run`, and queries `marts.*`.

Salesforce Ids are 18 characters as the API writes them, with the real key prefixes (`005` User, `001` Account,
`006` Opportunity, ...): `sfid("001", "ICP1")` is `001` + `ICP1` left-padded with zeros to 15 characters, then the
case-safe checksum, so tests can name records readably. `Landing.write(folder, short_references=True)` writes every
reference field in its 15-character form, as a report export does.
"""

from __future__ import annotations

import csv
import textwrap
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
from filelock import FileLock

from onstrategy.ingest.contracts import SALESFORCE_OBJECTS
from onstrategy.ingest.salesforce_ids import to_18
from tests.conftest import run_cli, session_shared_dir

COLUMNS = {obj.name: obj.columns for obj in SALESFORCE_OBJECTS}
REFERENCES = {obj.name: tuple(c for c in obj.id_columns if c != "Id") for obj in SALESFORCE_OBJECTS}
REQUIRED_FILES = [obj.name for obj in SALESFORCE_OBJECTS if obj.required_file]
MODSTAMP = "2026-11-01T00:00:00.000+0000"

PREFIX = {
    "User": "005", "UserRole": "00E", "Account": "001", "Contact": "003", "Product2": "01t", "Opportunity": "006",
    "OpportunityLineItem": "00k", "OpportunityContactRole": "00K", "Task": "00T", "Event": "00U",
    "ForecastingQuota": "0J9",
}


def sfid(prefix: str, key: str) -> str:
    """An 18-character Salesforce Id with a real key prefix, a readable tail and its checksum."""
    tail = key.upper()
    assert len(prefix) == 3 and len(tail) <= 12, key
    return to_18(prefix + tail.rjust(12, "0"))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _datetime(day: str | date) -> str:
    return f"{_text(day)}T12:00:00.000+0000"


class Landing:
    """Records of one landing zone; `write(folder)` writes it as Data Loader CSVs."""

    def __init__(self) -> None:
        self.records: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._counters: dict[str, int] = defaultdict(int)
        self.bom_objects: set[str] = set()  # objects whose files start with a UTF-8 byte-order mark

    def _id(self, obj: str, key: str | None) -> str:
        if key is None:
            self._counters[obj] += 1
            key = f"X{self._counters[obj]:05d}"
        return sfid(PREFIX[obj], key)

    def _add(self, obj: str, record: dict[str, Any]) -> str:
        unknown = set(record) - set(COLUMNS[obj]) - {"_batch"}
        assert not unknown, f"{obj}: columns {unknown} are not in the input contract"
        self.records[obj].append(record)
        return record.get("Id", "")

    # --- organisation -------------------------------------------------------------------------------------------
    def role(self, key: str, name: str) -> str:
        return self._add("UserRole", {"Id": self._id("UserRole", key), "Name": name, "ParentRoleId": None,
                                      "SystemModstamp": MODSTAMP})

    def user(self, key: str, name: str | None = None, role: str | None = None, active: bool = True,
             manager: str | None = None) -> str:
        """A user; `manager`, the User Id of its manager (ManagerId)."""
        user_id = self._id("User", key)
        return self._add("User", {
            "Id": user_id, "Name": name or f"Rep {key}", "Email": f"{key.lower()}@seller.example",
            "IsActive": active, "UserRoleId": role, "ManagerId": manager, "SystemModstamp": MODSTAMP,
        })

    # --- customers ----------------------------------------------------------------------------------------------
    def account(self, key: str, industry: str | None = "Agriculture", employees: int | None = 50,
                country: str = "US", owner: str | None = None, name: str | None = None) -> str:
        return self._add("Account", {
            "Id": self._id("Account", key), "Name": name or f"Account {key}", "Website": f"www.{key.lower()}.example",
            "Industry": industry, "NumberOfEmployees": employees, "AnnualRevenue": 1_000_000,
            "BillingCountry": country, "OwnerId": owner, "CreatedDate": _datetime("2020-01-01"), "IsDeleted": False,
            "SystemModstamp": MODSTAMP,
        })

    def contact(self, account: str, title: str | None, key: str | None = None) -> str:
        contact_id = self._id("Contact", key)
        return self._add("Contact", {"Id": contact_id, "AccountId": account, "Title": title,
                                     "Email": f"{contact_id.lower()}@buyer.example", "IsDeleted": False,
                                     "SystemModstamp": MODSTAMP})

    # --- products -----------------------------------------------------------------------------------------------
    def product(self, key: str, family: str | None, code: str | None = None) -> str:
        return self._add("Product2", {"Id": self._id("Product2", key), "Name": f"Product {key}",
                                      "ProductCode": code or key.upper(), "Family": family, "IsActive": True,
                                      "SystemModstamp": MODSTAMP})

    # --- deals --------------------------------------------------------------------------------------------------
    def opportunity(self, account: str | None, owner: str, amount: float, close: str, *, won: bool = True,
                    closed: bool | None = None, created: str | None = None, currency: str = "USD",
                    key: str | None = None, lines: list[tuple[str, float]] | None = None,
                    contact: str | None = None, probability: float | None = None) -> str:
        """A deal. `lines` = [(product id, TotalPrice)]; `contact` = the primary contact role's contact."""
        closed = won if closed is None else closed
        opp_id = self._id("Opportunity", key)
        self._add("Opportunity", {
            "Id": opp_id, "AccountId": account, "OwnerId": owner, "Name": f"Deal {opp_id[-6:]}",
            "StageName": "Closed Won" if won else ("Closed Lost" if closed else "Negotiation"),
            "Amount": amount, "CurrencyIsoCode": currency,
            "Probability": probability if probability is not None else (100 if won else (0 if closed else 50)),
            "CloseDate": close,
            "IsClosed": closed, "IsWon": won, "CreatedDate": _datetime(created or close), "IsDeleted": False,
            "SystemModstamp": MODSTAMP,
        })
        for product, total in lines or []:
            self.line_item(opp_id, product, total)
        if contact:
            self.contact_role(opp_id, contact, primary=True)
        return opp_id

    def line_item(self, opportunity: str, product: str, total: float, quantity: float = 1,
                  key: str | None = None) -> str:
        return self._add("OpportunityLineItem", {
            "Id": self._id("OpportunityLineItem", key), "OpportunityId": opportunity, "Product2Id": product,
            "Quantity": quantity, "UnitPrice": total / quantity, "TotalPrice": total, "IsDeleted": False,
            "SystemModstamp": MODSTAMP,
        })

    def contact_role(self, opportunity: str, contact: str, primary: bool = True,
                     created: str = "2020-01-01") -> str:
        return self._add("OpportunityContactRole", {
            "Id": self._id("OpportunityContactRole", None), "OpportunityId": opportunity, "ContactId": contact,
            "Role": "Decision Maker", "IsPrimary": primary, "IsDeleted": False, "SystemModstamp": MODSTAMP,
            "CreatedDate": _datetime(created),
        })

    # --- activities ---------------------------------------------------------------------------------------------
    def task(self, owner: str, day: str, account: str | None = None, what: str | None = None,
             status: str = "Completed") -> str:
        return self._add("Task", {"Id": self._id("Task", None), "OwnerId": owner, "AccountId": account,
                                  "WhatId": what, "Status": status, "ActivityDate": day, "IsDeleted": False,
                                  "SystemModstamp": MODSTAMP})

    def event(self, owner: str, day: str, minutes: int, account: str | None = None, what: str | None = None) -> str:
        return self._add("Event", {"Id": self._id("Event", None), "OwnerId": owner, "AccountId": account,
                                   "WhatId": what, "ActivityDate": day, "DurationInMinutes": minutes,
                                   "IsDeleted": False, "SystemModstamp": MODSTAMP})

    # --- currency -----------------------------------------------------------------------------------------------
    def rate(self, iso_code: str, rate: float, start: str, next_start: str) -> None:
        self._add("DatedConversionRate", {"IsoCode": iso_code, "ConversionRate": rate, "StartDate": start,
                                          "NextStartDate": next_start})

    # --- quotas -------------------------------------------------------------------------------------------------
    def quota(self, owner: str, start: str, amount: float, currency: str | None = None) -> str:
        return self._add("ForecastingQuota", {
            "Id": self._id("ForecastingQuota", None), "QuotaOwnerId": owner, "StartDate": start,
            "QuotaAmount": amount, "CurrencyIsoCode": currency, "IsDeleted": False, "SystemModstamp": MODSTAMP})

    # --- later batches ------------------------------------------------------------------------------------------
    def new_version(self, obj: str, record_id: str, batch: int, modstamp: str = MODSTAMP, **changes: Any) -> None:
        """A new version of an existing record in batch file `batch` (2, 3, ...) with `changes` and `modstamp`."""
        latest = [r for r in self.records[obj] if r.get("Id") == record_id][-1]
        self._add(obj, {**latest, **changes, "SystemModstamp": modstamp, "_batch": batch})

    # --- output -------------------------------------------------------------------------------------------------
    def write(self, folder: Path, short_references: bool = False) -> Path:
        """Write every object (required ones even when empty: header only) as `salesforce/<Object>.csv`, or as
        `salesforce/<Object>/0001.csv`, `0002.csv`, ... when it has records in several batches; with
        `short_references`, every field referencing another record holds its 15-character Id."""
        salesforce = folder / "salesforce"
        salesforce.mkdir(parents=True, exist_ok=True)
        for obj in sorted(set(REQUIRED_FILES) | set(self.records)):
            records = self.records.get(obj, [])
            batches = sorted({r.get("_batch", 1) for r in records}) or [1]
            for batch in batches:
                if len(batches) == 1:
                    path = salesforce / f"{obj}.csv"
                else:
                    path = salesforce / obj / f"{batch:04d}.csv"
                    path.parent.mkdir(exist_ok=True)
                encoding = "utf-8-sig" if obj in self.bom_objects else "utf-8"
                with path.open("w", newline="", encoding=encoding) as handle:
                    writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
                    writer.writerow(COLUMNS[obj])
                    for record in records:
                        if record.get("_batch", 1) == batch:
                            writer.writerow([self._field(obj, column, record.get(column), short_references)
                                             for column in COLUMNS[obj]])
        return folder


    @staticmethod
    def _field(obj: str, column: str, value: Any, short_references: bool) -> str:
        text = _text(value)
        return text[:15] if short_references and column in REFERENCES[obj] and len(text) == 18 else text


@dataclass(frozen=True)
class ScenarioRun:
    """A finished `onstrategy run` of one scenario landing zone."""

    warehouse: Path
    stdout: str

    @property
    def site_dir(self) -> Path:
        return self.warehouse.parent / "site"

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            cursor = con.execute(sql, params or [])
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def one(self, sql: str, params: list[Any] | None = None) -> dict[str, Any]:
        found = self.rows(sql, params)
        assert len(found) == 1, f"expected one row, got {len(found)}: {sql} {params}"
        return found[0]


def run_scenario(root: Path, name: str, write_landing: Callable[[Path], object],
                 strategy_yaml: str, env: dict[str, str] | None = None) -> ScenarioRun:
    """Write the landing zone (`write_landing(folder)`) and strategy under `root/name` and run the real CLI on them,
    once per test session.

    `root` is shared by the xdist workers (a FileLock guards it), so a scenario module whose tests land on both
    workers still runs its pipeline only once.
    """
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder) + ".lock"):
        warehouse, done, failed = folder / "warehouse.duckdb", folder / "DONE", folder / "FAILED"
        if done.exists():
            return ScenarioRun(warehouse, done.read_text())
        assert not failed.exists(), failed.read_text()  # the other worker's run failed: do not run it again
        landing = folder / "landing"
        write_landing(landing)
        strategy = folder / "strategy.yml"
        strategy.write_text(textwrap.dedent(strategy_yaml).lstrip())
        result = run_cli("run", "--landing", str(landing), "--strategy", str(strategy), "--warehouse",
                         str(warehouse), "--site-dir", str(folder / "site"), env=env)
        if result.returncode != 0:
            failed.write_text(f"onstrategy run failed for {name}:\n{result.stdout}\n{result.stderr}")
            raise AssertionError(failed.read_text())
        done.write_text(result.stdout)
        return ScenarioRun(warehouse, result.stdout)


def shared_root(tmp_path_factory) -> Path:
    """Where the scenario pipeline runs of this session go, shared by all xdist workers."""
    root = session_shared_dir(tmp_path_factory) / "scenario_runs"
    root.mkdir(parents=True, exist_ok=True)
    return root
