"""Property-based ingest tests: whatever a CSV export looks like, every field arrives exactly as written.

Hypothesis generates Salesforce-style CSV files with BOMs, CRLF or LF line ends, quotes, commas and newlines
inside fields, Unicode names, very long text and booleans in any case, writes them the way exporters do, loads
them with the real loader and compares every value and line number with what was written.
"""

from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onstrategy.ingest import ALL_OBJECTS, load_object

ACCOUNT = next(o for o in ALL_OBJECTS if o.name == "Account")
HEADER = list(ACCOUNT.required_columns)

# Any printable text, including quotes, commas, CR/LF, tabs and non-Latin scripts; no NUL (not valid in CSV text).
field_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                     min_size=1, max_size=40)
long_text = st.text(alphabet="abc ,\"\r\néü漢字", min_size=5_000, max_size=20_000)
boolean_text = st.sampled_from(["true", "false"]).flatmap(
    lambda word: st.lists(st.booleans(), min_size=len(word), max_size=len(word)).map(
        lambda upper: "".join(c.upper() if u else c for c, u in zip(word, upper, strict=True))))
salesforce_datetime = st.sampled_from(["2025-01-31T23:59:59.000+0000", "2025-02-01T00:00:00Z",
                                       "2025-03-04T05:06:07.000-0800", "2025-12-31"])


@st.composite
def account_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    count = draw(st.integers(min_value=1, max_value=25))
    rows = []
    for index in range(count):
        rows.append({
            "Id": f"001{index:015d}",
            "Name": draw(st.one_of(field_text, long_text) if index == 0 else field_text),
            "Website": draw(field_text),
            "Industry": draw(field_text),
            "NumberOfEmployees": str(draw(st.integers(min_value=0, max_value=10**6))),
            "AnnualRevenue": draw(st.sampled_from(["1200000", "1.5E7", "99.95"])),
            "BillingCountry": draw(field_text),
            "OwnerId": "005000000000000001",
            "CreatedDate": draw(salesforce_datetime),
            "IsDeleted": draw(boolean_text),
            "SystemModstamp": draw(salesforce_datetime),
        })
    return rows


def _csv_field(value: str, quote_all: bool) -> str:
    """RFC 4180 quoting: always, or only when the field holds a delimiter, a quote, CR or LF (Python's csv module
    leaves a lone CR unquoted when the line terminator is LF, which no reader can parse back)."""
    if quote_all or any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _csv_bytes(rows: list[dict[str, str]], *, line_end: str, quote_all: bool, bom: bool) -> bytes:
    lines = [",".join(_csv_field(name, quote_all) for name in HEADER)]
    lines += [",".join(_csv_field(row[name], quote_all) for name in HEADER) for row in rows]
    return (("\ufeff" if bom else "") + line_end.join(lines) + line_end).encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rows=account_rows(), line_end=st.sampled_from(["\r\n", "\n"]), quote_all=st.booleans(), bom=st.booleans())
def test_every_field_round_trips(tmp_path: Path, rows: list[dict[str, str]], line_end: str, quote_all: bool,
                                 bom: bool) -> None:
    folder = tmp_path / f"case-{abs(hash((len(rows), line_end, quote_all, bom, rows[0]['Name'][:20])))}"
    path = folder / "salesforce" / "Account.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_csv_bytes(rows, line_end=line_end, quote_all=quote_all, bom=bom))
    with duckdb.connect() as con:
        loads = load_object(con, folder, ACCOUNT)
        columns = ", ".join(f'"{c}"' for c in HEADER)
        loaded = con.execute(f"select {columns}, _source_line from raw_salesforce.account order by Id").fetchall()
    assert [load.rows_read for load in loads] == [len(rows)]
    expected = [(*(row[c] for c in HEADER), line) for line, row in enumerate(rows, start=1)]
    assert loaded == expected


def test_line_numbers_follow_the_file_in_a_large_file_read_in_parallel(tmp_path: Path) -> None:
    """DuckDB reads big CSVs on several threads; `_source_line` must still be the record's position in the file."""
    rows = [{**dict.fromkeys(HEADER, "x"), "Id": f"001{i:015d}", "Name": f"Name {i}\nline two" if i % 7 == 0 else
             f"Name {i}"} for i in range(200_000)]
    path = tmp_path / "salesforce" / "Account.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(_csv_bytes(rows, line_end="\r\n", quote_all=False, bom=False))
    with duckdb.connect() as con:
        con.execute("set threads = 4")
        load_object(con, tmp_path, ACCOUNT)
        wrong = con.execute("""
            select count(*) from raw_salesforce.account
            where cast(substr(Id, 4) as bigint) + 1 <> _source_line
        """).fetchone()[0]
        total = con.execute("select count(*) from raw_salesforce.account").fetchone()[0]
    assert total == 200_000
    assert wrong == 0
