"""The landing-zone input contract (shared SPEC, "Inputs: the landing zone"): the one list of input objects.

One `SourceObject` per Salesforce object and Stripe object: where its files live, which columns it must have, which
optional ones the models use, which columns hold record Ids, and the kind of every typed field (a date, an event
date, a number and its plausible range, a boolean). Everything else derives from this list:
- the ingest (required columns, Id normalisation to 18 characters: `onstrategy.ingest.salesforce_ids`);
- the dbt sources and the quarantine's type checks (generated files, `onstrategy.ingest.contract_files`: the
  `salesforce` source YAML and the `contract_fields` macro; a test fails when they are stale);
- docs/input-contract.md (its tables are generated the same way);
- the Dagster ingest assets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from onstrategy.strategy.fiscal import CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY


@dataclass(frozen=True)
class FieldKind:
    """How a typed field is read and which values are plausible (the quarantine's type checks)."""

    name: str
    parse: str  # "date", "datetime", "number" or "boolean": the parser, and the `unparseable_<parse>` reason
    minimum: float | date | None = None  # inclusive; outside: `number_out_of_range` / `date_out_of_range`
    maximum: float | date | None = None
    meaning: str = ""


# Event dates give a record its fiscal quarter, so they must fall inside the fiscal calendar (the one home of the
# range: onstrategy.strategy.fiscal); dates that bound a validity period (a rate's NextStartDate, 9999-12-31 for
# "open-ended") are only parsed. Number ranges are wide: they catch a value no real record holds (1e30, a negative
# duration), which would otherwise overflow an exact sum or distort every share, not merely unusual deals.
FIELD_KINDS: dict[str, FieldKind] = {kind.name: kind for kind in (
    FieldKind("boolean", "boolean", meaning="`true`/`false` in any case, or `1`/`0`"),
    FieldKind("date", "date", meaning="`YYYY-MM-DD` (a datetime keeps its date); any real date, `9999-12-31` "
                                      "included"),
    FieldKind("event_date", "date", CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY,
              "`YYYY-MM-DD` (a datetime keeps its date) within the fiscal calendar"),
    FieldKind("datetime", "datetime", meaning="ISO 8601, `2026-03-01T09:30:00.000+0000` or `...Z` (UTC)"),
    FieldKind("event_datetime", "datetime", CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY,
              "ISO 8601 datetime whose date is within the fiscal calendar"),
    FieldKind("money", "number", -1e15, 1e15, "a decimal number (`1234.5`, `1.2345678E7`); Salesforce currency "
                                              "fields hold 16 digits before the point"),
    FieldKind("revenue", "number", -1e18, 1e18, "a decimal number (an annual revenue)"),
    FieldKind("percent", "number", 0, 100, "a number from 0 to 100 (`10`, `10.0`)"),
    FieldKind("quantity", "number", -1e10, 1e10, "a decimal number (Quantity is 12 digits, 2 decimals)"),
    FieldKind("count", "number", 0, 1e8, "a whole number of at most 8 digits, not negative"),
    FieldKind("rate", "number", None, 1e12, "a positive decimal number (6 decimals)"),
)}

METADATA_COLUMNS: tuple[str, ...] = ("_source_file", "_source_line", "_batch_rank")


@dataclass(frozen=True)
class SourceObject:
    """One input object of the landing zone and the raw table it lands in."""

    source: str  # "salesforce" or "stripe"
    name: str  # file/folder name in the landing zone: "Account", "customers"
    table: str  # raw table name (snake case): "account", "customers"
    required_columns: tuple[str, ...] = ()
    optional_columns: tuple[str, ...] = ()
    required_file: bool = True
    description: str = ""
    extension: str = "csv"
    id_columns: tuple[str, ...] = ()  # Salesforce Ids and references: normalised to 18 characters at ingest
    field_kinds: dict[str, str] = field(default_factory=dict)  # typed field -> FIELD_KINDS name
    keyed: bool = True  # upserted by Id (DatedConversionRate is keyed by currency and start date)
    # the object's own quarantine reasons, besides the type checks (its quarantine model applies them in this order)
    reasons: tuple[str, ...] = ()
    staging_model: str = ""  # the dbt model of its current records (stg_<source>__<plural>)

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column the raw table has: required first, then the known optional ones."""
        return self.required_columns + self.optional_columns

    @property
    def raw_schema(self) -> str:
        return f"raw_{self.source}"

    @property
    def qualified_table(self) -> str:
        return f"{self.raw_schema}.{self.table}"

    def kind_of(self, column: str) -> FieldKind | None:
        name = self.field_kinds.get(column)
        return FIELD_KINDS[name] if name else None

    @property
    def quarantine_reasons(self) -> tuple[str, ...]:
        """Every reason the object's quarantine model can give, in the order it checks them."""
        kinds = [FIELD_KINDS[name] for name in self.field_kinds.values()]
        parsed = dict.fromkeys(f"unparseable_{'date' if k.parse == 'datetime' else k.parse}" for k in kinds)
        ranged = dict.fromkeys(f"{'number' if k.parse == 'number' else 'date'}_out_of_range" for k in kinds
                               if k.minimum is not None or k.maximum is not None)
        key = ("missing_id", "conflicting_duplicate") if self.keyed else ()
        return tuple(dict.fromkeys((*key, *parsed, *ranged, *self.reasons)))


def _sf(name: str, table: str, required: str, optional: str = "", *, required_file: bool = True,
        description: str = "", reasons: str = "", keyed: bool = True, plural: str = "") -> SourceObject:
    """A Salesforce object from its columns written `Field` or `Field:kind` (`id`, or a FIELD_KINDS name); its
    staging model is stg_salesforce__<plural> (`<table>s` unless given)."""
    columns: dict[str, str | None] = {}
    for spec in (required + " " + optional).split():
        column, _, kind = spec.partition(":")
        columns[column] = kind or None
    unknown = {kind for kind in columns.values() if kind and kind != "id" and kind not in FIELD_KINDS}
    if unknown:
        raise ValueError(f"{name}: unknown field kind(s) {sorted(unknown)}")
    return SourceObject(
        source="salesforce",
        name=name,
        table=table,
        required_columns=tuple(spec.partition(":")[0] for spec in required.split()),
        optional_columns=tuple(spec.partition(":")[0] for spec in optional.split()),
        required_file=required_file,
        description=description,
        extension="csv",
        id_columns=tuple(column for column, kind in columns.items() if kind == "id"),
        field_kinds={column: kind for column, kind in columns.items() if kind and kind != "id"},
        keyed=keyed,
        reasons=tuple(reasons.split()),
        staging_model=f"stg_salesforce__{plural or table + 's'}",
    )


SALESFORCE_OBJECTS: tuple[SourceObject, ...] = (
    _sf("User", "user", "Id:id Name Email IsActive:boolean UserRoleId:id ManagerId:id SystemModstamp:datetime",
        "Title Department", description="Salesforce users: the reps and their managers."),
    _sf("UserRole", "user_role", "Id:id Name ParentRoleId:id", "SystemModstamp:datetime",
        description="Role hierarchy; a rep's team is its role name."),
    _sf("Account", "account",
        "Id:id Name Website Industry NumberOfEmployees:count AnnualRevenue:revenue BillingCountry OwnerId:id "
        "CreatedDate:event_datetime IsDeleted:boolean SystemModstamp:datetime", "Type ParentId:id BillingState",
        description="Customer and prospect companies."),
    _sf("Contact", "contact", "Id:id AccountId:id Title Email IsDeleted:boolean SystemModstamp:datetime",
        "FirstName LastName Phone CreatedDate",
        description="People at accounts; their titles give the buyer persona. Personal data: never published.",
        reasons="orphan_account"),
    _sf("Product2", "product2", "Id:id Name ProductCode Family IsActive:boolean SystemModstamp:datetime",
        "Description", plural="products",
        description="Products; the family or code maps a product to a strategy product line."),
    _sf("Opportunity", "opportunity",
        "Id:id AccountId:id OwnerId:id Name StageName Amount:money CurrencyIsoCode Probability:percent "
        "CloseDate:event_date IsClosed:boolean IsWon:boolean CreatedDate:event_date IsDeleted:boolean "
        "SystemModstamp:datetime", "Type LeadSource ForecastCategoryName",
        description="Deals; won ones are bookings, all of them pipeline.", plural="opportunities",
        reasons="missing_close_date unknown_currency missing_fx_rate orphan_account orphan_owner"),
    _sf("OpportunityLineItem", "opportunity_line_item",
        "Id:id OpportunityId:id Product2Id:id Quantity:quantity UnitPrice:money TotalPrice:money IsDeleted:boolean "
        "SystemModstamp:datetime", "CreatedDate",
        description="Products sold on a deal; won lines are booking lines.",
        reasons="negative_quantity orphan_opportunity orphan_product"),
    _sf("OpportunityContactRole", "opportunity_contact_role",
        "Id:id OpportunityId:id ContactId:id Role IsPrimary:boolean IsDeleted:boolean SystemModstamp:datetime",
        "CreatedDate", description="Contacts involved in a deal; the primary one gives the deal's persona.",
        reasons="orphan_opportunity orphan_contact"),
    _sf("Task", "task",
        "Id:id OwnerId:id AccountId:id WhatId:id Status ActivityDate:event_date IsDeleted:boolean "
        "SystemModstamp:datetime", "Subject Type CreatedDate", description="Calls, emails and to-dos of reps.",
        reasons="missing_date orphan_owner orphan_account"),
    _sf("Event", "event",
        "Id:id OwnerId:id AccountId:id WhatId:id ActivityDate:event_date DurationInMinutes:count IsDeleted:boolean "
        "SystemModstamp:datetime", "ActivityDateTime:event_datetime Subject Type CreatedDate",
        description="Meetings of reps; their minutes measure time in the market.",
        reasons="missing_date orphan_owner orphan_account"),
    _sf("DatedConversionRate", "dated_conversion_rate",
        "IsoCode ConversionRate:rate StartDate:date NextStartDate:date", "Id:id SystemModstamp:datetime",
        required_file=False, keyed=False, reasons="missing_currency invalid_rate missing_date invalid_period",
        description="Dated exchange rates (units of IsoCode per reporting-currency unit); optional. The current "
                    "period's NextStartDate is 9999-12-31 (or empty): open-ended."),
    _sf("ForecastingQuota", "forecasting_quota",
        "Id:id QuotaOwnerId:id StartDate:event_date QuotaAmount:money IsDeleted:boolean SystemModstamp:datetime",
        "CurrencyIsoCode", required_file=False, reasons="missing_date unknown_currency missing_fx_rate orphan_owner",
        description="Sales quotas (Collaborative Forecasts); optional. A quota belongs to the fiscal quarter of "
                    "its StartDate; several quotas of one owner in a quarter (monthly quotas) add up."),
)


def _stripe(name: str, description: str) -> SourceObject:
    return SourceObject(source="stripe", name=name, table=name, required_file=False, description=description,
                        extension="jsonl", staging_model=f"stg_stripe__{name}")


STRIPE_OBJECTS: tuple[SourceObject, ...] = (
    _stripe("customers", "Stripe customers; linked to Salesforce accounts by metadata or email domain."),
    _stripe("products", "Stripe products; metadata.product_line names the strategy product line."),
    _stripe("prices", "Stripe prices (amounts in minor units, recurring interval)."),
    _stripe("subscriptions", "Stripe subscriptions with their items (items.data[])."),
    _stripe("invoices", "Stripe invoices with their lines (lines.data[])."),
)

ALL_OBJECTS: tuple[SourceObject, ...] = SALESFORCE_OBJECTS + STRIPE_OBJECTS

STRIPE_RAW_COLUMNS: tuple[str, ...] = ("id", "object_json")


def object_by_table(source: str, table: str) -> SourceObject:
    """The input object whose raw table is `<source>.<table>`."""
    for obj in ALL_OBJECTS:
        if obj.source == source and obj.table == table:
            return obj
    raise KeyError(f"{source}.{table}")
