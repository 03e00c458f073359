"""The landing-zone input contract (shared SPEC, "Inputs: the landing zone").

One `SourceObject` per Salesforce object and Stripe object: where its files live, which columns it must have and
which optional ones the models use. Ingest, the Dagster assets and the dbt sources all follow this one list.
"""

from dataclasses import dataclass, field


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
    extension: str = field(default="csv")

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


def _sf(name: str, table: str, required: str, optional: str = "", *, required_file: bool = True,
        description: str = "") -> SourceObject:
    return SourceObject(
        source="salesforce",
        name=name,
        table=table,
        required_columns=tuple(required.split()),
        optional_columns=tuple(optional.split()),
        required_file=required_file,
        description=description,
        extension="csv",
    )


SALESFORCE_OBJECTS: tuple[SourceObject, ...] = (
    _sf("User", "user", "Id Name Email IsActive UserRoleId ManagerId SystemModstamp", "Title Department",
        description="Salesforce users: the reps and their managers."),
    _sf("UserRole", "user_role", "Id Name ParentRoleId", "SystemModstamp",
        description="Role hierarchy; a rep's team is its role name."),
    _sf("Account", "account",
        "Id Name Website Industry NumberOfEmployees AnnualRevenue BillingCountry OwnerId CreatedDate IsDeleted "
        "SystemModstamp", "Type ParentId BillingState",
        description="Customer and prospect companies."),
    _sf("Contact", "contact", "Id AccountId Title Email IsDeleted SystemModstamp",
        "FirstName LastName Phone CreatedDate",
        description="People at accounts; their titles give the buyer persona. Personal data: never published."),
    _sf("Product2", "product2", "Id Name ProductCode Family IsActive SystemModstamp", "Description",
        description="Products; the family or code maps a product to a strategy product line."),
    _sf("Opportunity", "opportunity",
        "Id AccountId OwnerId Name StageName Amount CurrencyIsoCode Probability CloseDate IsClosed IsWon "
        "CreatedDate IsDeleted SystemModstamp", "Type LeadSource ForecastCategoryName",
        description="Deals; won ones are bookings, all of them pipeline."),
    _sf("OpportunityLineItem", "opportunity_line_item",
        "Id OpportunityId Product2Id Quantity UnitPrice TotalPrice IsDeleted SystemModstamp", "CreatedDate",
        description="Products sold on a deal; won lines are booking lines."),
    _sf("OpportunityContactRole", "opportunity_contact_role",
        "Id OpportunityId ContactId Role IsPrimary IsDeleted SystemModstamp", "CreatedDate",
        description="Contacts involved in a deal; the primary one gives the deal's persona."),
    _sf("Task", "task", "Id OwnerId AccountId WhatId Status ActivityDate IsDeleted SystemModstamp",
        "Subject Type CreatedDate", description="Calls, emails and to-dos of reps."),
    _sf("Event", "event",
        "Id OwnerId AccountId WhatId ActivityDate DurationInMinutes IsDeleted SystemModstamp",
        "Subject Type CreatedDate", description="Meetings of reps; their minutes measure time in the market."),
    _sf("DatedConversionRate", "dated_conversion_rate", "IsoCode ConversionRate StartDate NextStartDate",
        "Id SystemModstamp", required_file=False,
        description="Dated exchange rates (units of IsoCode per reporting-currency unit); optional."),
)


def _stripe(name: str, description: str) -> SourceObject:
    return SourceObject(source="stripe", name=name, table=name, required_file=False, description=description,
                        extension="jsonl")


STRIPE_OBJECTS: tuple[SourceObject, ...] = (
    _stripe("customers", "Stripe customers; linked to Salesforce accounts by metadata or email domain."),
    _stripe("products", "Stripe products; metadata.product_line names the strategy product line."),
    _stripe("prices", "Stripe prices (amounts in minor units, recurring interval)."),
    _stripe("subscriptions", "Stripe subscriptions with their items (items.data[])."),
    _stripe("invoices", "Stripe invoices with their lines (lines.data[])."),
)

ALL_OBJECTS: tuple[SourceObject, ...] = SALESFORCE_OBJECTS + STRIPE_OBJECTS

STRIPE_RAW_COLUMNS: tuple[str, ...] = ("id", "object_json")
METADATA_COLUMNS: tuple[str, ...] = ("_source_file", "_source_line", "_batch_rank")


def object_by_table(source: str, table: str) -> SourceObject:
    """The input object whose raw table is `<source>.<table>`."""
    for obj in ALL_OBJECTS:
        if obj.source == source and obj.table == table:
            return obj
    raise KeyError(f"{source}.{table}")
