"""Where the project's folders are.

The package is installed in editable mode (see the Makefile), so the dbt project, models, seeds and site sources
are found relative to this file. `ONSTRATEGY_PROJECT_ROOT` overrides that for unusual installs.
"""

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("ONSTRATEGY_PROJECT_ROOT", Path(__file__).resolve().parents[2]))
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
SEEDS_DIR = PROJECT_ROOT / "seeds"
SITE_SOURCE_DIR = PROJECT_ROOT / "site"
DEFAULT_SITE_DIR = SITE_SOURCE_DIR / "build"
DEFAULT_STRATEGY_FILE = PROJECT_ROOT / "strategy.yml"
