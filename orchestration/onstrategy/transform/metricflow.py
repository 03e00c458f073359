"""`onstrategy-mf`: MetricFlow's `mf` command without its update check.

`mf` asks PyPI for a newer release on every call (the `update_checker` package, with no setting to turn it off); the
project makes no request to another host, so this entry point answers "no update" instead and runs `mf` as it is.
"""

from typing import Any


def _no_update(*args: Any, **kwargs: Any) -> None:
    return None


def main() -> None:
    import update_checker

    update_checker.UpdateChecker.check = _no_update
    from dbt_metricflow.cli.main import cli

    cli()
