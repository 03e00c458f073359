"""The Dagster definitions' parts, one module per kind of asset (ingest, strategy, dbt, site), their resources,
checks and automation; `onstrategy.definitions` puts them together."""
