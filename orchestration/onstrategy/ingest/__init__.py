"""Ingest: landing-zone files into the raw tables of the warehouse (Contract 1 of docs/architecture.md)."""

from onstrategy.ingest.contracts import ALL_OBJECTS, SALESFORCE_OBJECTS, STRIPE_OBJECTS, SourceObject
from onstrategy.ingest.loader import FileLoad, load_object

__all__ = [
    "ALL_OBJECTS",
    "SALESFORCE_OBJECTS",
    "STRIPE_OBJECTS",
    "FileLoad",
    "SourceObject",
    "load_object",
]
