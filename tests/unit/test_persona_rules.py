"""seeds/persona_title_rules.csv maps the usual titles to personas (lowest matching priority wins).

Applied here with DuckDB's case-insensitive regexp_matches, as the warehouse applies them.
"""

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT

TITLES = {
    "Chief Financial Officer": "Finance Leader", "CFO": "Finance Leader", "VP Finance": "Finance Leader",
    "Vice President of Finance": "Finance Leader", "Finance Director": "Finance Leader",
    "Controller": "Finance Leader", "Treasurer": "Finance Leader",
    "Director of IT": "Technical Buyer", "IT Manager": "Technical Buyer", "CTO": "Technical Buyer",
    "Chief Information Officer": "Technical Buyer", "Enterprise Architect": "Technical Buyer",
    "VP Engineering": "Technical Buyer", "CISO": "Technical Buyer",
    "Procurement Manager": "Procurement", "Purchasing Lead": "Procurement", "Senior Buyer": "Procurement",
    "Head of Sourcing": "Procurement",
    "CEO": "Economic Buyer", "Chief Executive Officer": "Economic Buyer", "COO": "Economic Buyer",
    "President": "Economic Buyer", "Founder & CEO": "Economic Buyer", "Managing Director": "Economic Buyer",
    "VP Sales": "Economic Buyer", "SVP Operations": "Economic Buyer", "Head of Merchandising": "Economic Buyer",
    "Store Manager": "Line Manager", "Director of Operations": "Line Manager", "Team Lead": "Line Manager",
    "Product Owner": "Line Manager", "Director": "Line Manager",
    "Senior Data Analyst": "End User", "Marketing Specialist": "End User", "Software Engineer": "End User",
    "Coordinator": "End User", "Sales Associate": "End User", "Italian Desk Analyst": "End User",
    "director of it": "Technical Buyer", "": "Unknown", "Astronaut": "Unknown",
}


@pytest.fixture(scope="module")
def rules() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create table rules as select * from read_csv(?, header = true, all_varchar = true)",
                [str(PROJECT_ROOT / "seeds" / "persona_title_rules.csv")])
    return con


@pytest.mark.parametrize(("title", "persona"), TITLES.items())
def test_title_maps_to_persona(rules: duckdb.DuckDBPyConnection, title: str, persona: str) -> None:
    row = rules.execute("select persona from rules where regexp_matches(?, title_pattern, 'i') "
                        "order by cast(priority as integer) limit 1", [title]).fetchone()
    assert (row[0] if row else "Unknown") == persona


def test_priorities_are_unique(rules: duckdb.DuckDBPyConnection) -> None:
    assert rules.execute("select count(*) = count(distinct priority) from rules").fetchone() == (True,)
