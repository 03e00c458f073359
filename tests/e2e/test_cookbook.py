"""Every query of docs/cookbook.md runs on the demo warehouse and returns rows with the documented columns."""

import re
from dataclasses import dataclass

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT, PipelineRun

pytestmark = pytest.mark.e2e

COOKBOOK = PROJECT_ROOT / "docs" / "cookbook.md"
RECIPE = re.compile(r"^## (?P<title>\d+\..+?)$(?P<body>.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
SQL_BLOCK = re.compile(r"```sql\n(?P<sql>.*?)```", re.DOTALL)
RETURNS = re.compile(r"^Returns: (?P<columns>.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Recipe:
    title: str
    sql: str
    columns: list[str]


def cookbook_recipes(text: str) -> list[Recipe]:
    recipes = []
    for match in RECIPE.finditer(text):
        body = match["body"]
        sql, returns = SQL_BLOCK.search(body), RETURNS.search(body)
        assert sql and returns, f"recipe {match['title']!r} needs one ```sql block and a 'Returns:' line"
        recipes.append(Recipe(match["title"].strip(), sql["sql"], re.findall(r"`([^`]+)`", returns["columns"])))
    return recipes


RECIPES = cookbook_recipes(COOKBOOK.read_text(encoding="utf-8"))


def test_the_cookbook_has_at_least_ten_recipes() -> None:
    assert len(RECIPES) >= 10
    assert len({r.title for r in RECIPES}) == len(RECIPES)


@pytest.mark.parametrize("recipe", RECIPES, ids=[r.title.split(".")[0] for r in RECIPES])
def test_recipe_runs_and_returns_the_documented_columns(recipe: Recipe, demo_run: PipelineRun) -> None:
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        relation = con.sql(recipe.sql)
        columns, rows = relation.columns, relation.fetchall()
    assert columns == recipe.columns
    assert rows, f"{recipe.title}: no rows on the demo warehouse"


def test_recipes_only_read_the_marts() -> None:
    for recipe in RECIPES:
        schemas = set(re.findall(r"\b(\w+)\.\w+\b", re.sub(r"'[^']*'", "", recipe.sql)))
        tables_schemas = {s for s in schemas if s in {"raw_salesforce", "raw_stripe", "staging", "intermediate",
                                                       "strategy", "seeds", "audit", "marts"}}
        assert tables_schemas == {"marts"}, recipe.title


def test_parser_rejects_a_recipe_without_returns() -> None:
    with pytest.raises(AssertionError, match="Returns"):
        cookbook_recipes("## 1. A question\n\n```sql\nselect 1\n```\n")




def test_this_quarter_is_the_same_in_the_warehouse_the_cookbook_and_the_site(demo_run: PipelineRun) -> None:
    recipe = next(r for r in RECIPES if r.title.lower().endswith("how far does the data go?"))
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        as_of_quarter = con.execute("select as_of_quarter from marts.as_of").fetchall()[0][0]
        cookbook_rows = con.sql(recipe.sql).fetchall()
        flagged = {table: con.sql(f"select distinct fiscal_quarter from marts.{table} "
                                  "where is_as_of_quarter").fetchall()
                   for table in ("fct_strategy_adherence_company", "fct_strategy_adherence_by_rep",
                                 "fct_strategy_adherence_by_team", "fct_strategy_adherence_by_product")}
    assert [row[0] for row in cookbook_rows if row[1]] == [as_of_quarter]
    assert all(rows == [(as_of_quarter,)] for rows in flagged.values()), flagged
    banner = re.search(r"As of (FY\d{4}-Q\d)<", (demo_run.site_dir / "index.html").read_text(encoding="utf-8"))
    assert banner and banner.group(1) == as_of_quarter
