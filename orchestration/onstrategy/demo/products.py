"""The product catalogue (Product2) and list prices; the same at every scale."""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from onstrategy.demo.archetypes import FAMILIES
from onstrategy.demo.arrays import datetime_strings, sf_ids
from onstrategy.demo.config import AI_LAUNCH_DAY, SECONDS_PER_DAY, START_DAY

# (name, product code, family, annual list price in USD, active)
CATALOGUE = (
    ("Core Platform Standard", "CORE-STD", "Core", 12_000, True),
    ("Core Platform Professional", "CORE-PRO", "Core", 24_000, True),
    ("Core Platform Enterprise", "CORE-ENT", "Core", 48_000, True),
    ("Core Additional Users (10-pack)", "CORE-USR10", "Core", 3_000, True),
    ("Analytics Cloud Dashboards", "ANL-DASH", "Analytics", 9_000, True),
    ("Analytics Cloud Forecasting", "ANL-FCST", "Analytics", 15_000, True),
    ("Analytics Cloud Data Connectors", "ANL-CONN", "Analytics", 6_000, True),
    ("AI Copilot for Sales", "AI-COPILOT", "AI", 18_000, True),
    ("AI Copilot Forecast Agent", "AI-AGENT", "AI", 24_000, True),
    ("AI Copilot Insights", "AI-INSIGHT", "AI", 12_000, True),
    ("Implementation Services", "SVC-IMPL", "Services", 15_000, True),
    ("Premium Support", "SVC-SUP", "Services", 6_000, True),
    ("Training Workshop", "SVC-TRAIN", "Services", 4_000, True),
    ("On-Prem Server License", "LEG-SRV", "Legacy", 30_000, True),
    ("On-Prem Maintenance", "LEG-MNT", "Legacy", 8_000, True),
    ("On-Prem Connector Pack (discontinued)", "LEG-CONN", "Legacy", 5_000, False),
)


@dataclass(frozen=True)
class Products:
    """Catalogue arrays; products of one family are contiguous."""

    ids: pa.Array
    names: tuple[str, ...]
    codes: tuple[str, ...]
    family: np.ndarray  # index into FAMILIES
    list_price_usd: np.ndarray
    family_start: np.ndarray  # first product of each family
    family_count: np.ndarray  # products of each family that are sold (active)

    def __len__(self) -> int:
        return len(self.names)


def build_products() -> Products:
    family = np.array([FAMILIES.index(p[2]) for p in CATALOGUE])
    active = np.array([p[4] for p in CATALOGUE])
    starts = np.array([np.flatnonzero(family == f)[0] for f in range(len(FAMILIES))])
    counts = np.array([int((active & (family == f)).sum()) for f in range(len(FAMILIES))])
    return Products(ids=sf_ids("01t", np.arange(1, len(CATALOGUE) + 1)), names=tuple(p[0] for p in CATALOGUE),
                    codes=tuple(p[1] for p in CATALOGUE), family=family,
                    list_price_usd=np.array([p[3] for p in CATALOGUE], dtype=np.int64), family_start=starts,
                    family_count=counts)


def product_table(products: Products) -> pa.Table:
    """The Product2 export. AI products were created just before their launch."""
    created = np.where(products.family == FAMILIES.index("AI"), AI_LAUNCH_DAY - 20, START_DAY - 700)
    return pa.table({
        "Id": products.ids,
        "Name": pa.array(products.names),
        "ProductCode": pa.array(products.codes),
        "Family": pa.array([FAMILIES[f] for f in products.family]),
        "IsActive": pa.array([p[4] for p in CATALOGUE]),
        "Description": pa.array([f"{p[0]}, annual subscription per unit" for p in CATALOGUE]),
        "SystemModstamp": datetime_strings(created * SECONDS_PER_DAY + 10 * 3600),
    })
