"""Strategy as code: the schema of `strategy.yml`, loading with YAML-path errors, and the strategy as tables."""

from onstrategy.strategy.load import StrategyError, StrategyProblem, load_strategy, validate_strategy_main
from onstrategy.strategy.schema import Strategy
from onstrategy.strategy.tables import STRATEGY_TABLE_NAMES, strategy_tables, write_strategy_tables

__all__ = [
    "STRATEGY_TABLE_NAMES",
    "Strategy",
    "StrategyError",
    "StrategyProblem",
    "load_strategy",
    "strategy_tables",
    "validate_strategy_main",
    "write_strategy_tables",
]
