"""Words for the codes the warehouse holds: quarantine reasons, billing match methods, off-strategy reasons, red
flags and the sources. The marts keep the codes (SQL filters on them); the site shows these labels.
tests/unit/test_labels.py checks that every code a model accepts (its `accepted_values` test) has a label here."""

from __future__ import annotations

from onstrategy.metrics import BY_NAME, RED_FLAG_NAMES, RED_FLAG_SUFFIX_ABOVE

QUARANTINE_REASONS = {
    "missing_id": "No record Id",
    "conflicting_duplicate": "Same Id twice in one file, with different values",
    "unparseable_date": "Date that does not parse",
    "unparseable_number": "Number that does not parse",
    "unparseable_boolean": "True/false value that does not parse",
    "date_out_of_range": "Date outside the fiscal calendar",
    "number_out_of_range": "Number no real record holds",
    "unknown_currency": "Currency with no exchange rate",
    "missing_fx_rate": "No exchange rate on the record's date",
    "missing_currency": "No currency",
    "missing_date": "No date",
    "missing_close_date": "Won opportunity without a close date",
    "negative_quantity": "Negative quantity",
    "invalid_period": "Rate period that ends before it starts",
    "invalid_rate": "Exchange rate that is zero or negative",
    "invalid_json": "Line that is not JSON",
    "malformed_lines": "Invoice whose lines are not a list",
    "orphan_account": "Refers to an unknown account",
    "orphan_contact": "Refers to an unknown contact",
    "orphan_customer": "Refers to an unknown customer",
    "orphan_opportunity": "Refers to an unknown opportunity",
    "orphan_owner": "Owned by an unknown user",
    "orphan_product": "Refers to an unknown product",
}

MATCH_METHODS = {
    "metadata": "Salesforce account Id in the customer's metadata",
    "email_domain": "Email domain matches one account's website",
    "unmatched": "Not linked to an account",
}

UNMATCHED_REASONS = {
    "unknown_salesforce_account_id": "Its Salesforce account Id is unknown",
    "ambiguous_email_domain": "Its email domain matches several accounts",
    "no_email": "No email to match on",
    "no_account_with_email_domain": "No account has its email domain",
}

OFF_STRATEGY_REASONS = {
    "non_icp_account": "Account outside the ideal customer profile",
    "deprioritized_product": "Deprioritized product line",
}

GROWTH_MOTIONS = {
    "new_logo": "New logo",
    "cross_sell": "Cross-sell",
    "new_persona": "New persona",
    "expansion": "Expansion",
}

RED_FLAGS = {  # the red flags that watch no metric (the others are worded by red_flag_label)
    "no_approved_plan": "No approved alignment plan",
}

SOURCES = {  # the `source` of the ingest ledger and the load reconciliation
    "salesforce": "Salesforce CRM",
    "stripe": "Stripe billing",
}

_ALL = {**QUARANTINE_REASONS, **MATCH_METHODS, **UNMATCHED_REASONS, **OFF_STRATEGY_REASONS, **GROWTH_MOTIONS,
        **RED_FLAGS, **SOURCES}


def red_flag_label(code: str) -> str | None:
    """`on_strategy_share_below` -> "On-strategy share below target", `unjustified_off_strategy_share_above` ->
    "Unjustified off-strategy share above threshold" (None when not a red flag of a metric)."""
    name = RED_FLAG_NAMES.get(code)
    if name is None:
        return None
    return BY_NAME[name].label + (" above threshold" if code.endswith(RED_FLAG_SUFFIX_ABOVE) else " below target")


def label(code: object) -> str:
    """The words for one code; a code this module does not know is shown with spaces, never as snake_case."""
    text = str(code).strip()
    known = _ALL.get(text) or red_flag_label(text)
    if known:
        return known
    words = text.replace("_", " ")
    return words[:1].upper() + words[1:]


def labels(codes: object) -> str:
    """The words for a comma-separated list of codes (a rep's red flags, a booking's off-strategy reasons)."""
    return ", ".join(label(code) for code in str(codes).split(",") if code.strip())
