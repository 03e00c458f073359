"""`make bench`: the pipeline timed at several demo scales against a bare-DuckDB floor (docs/bench.md).

Not part of the installed product: run from the repository root (`python -m bench.run`).
"""
