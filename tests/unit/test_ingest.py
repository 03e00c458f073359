"""Ingest: landing files into raw tables per Contract 1 (docs/architecture.md)."""

from pathlib import Path

import duckdb
import pytest

from onstrategy.errors import OnstrategyError
from onstrategy.ingest import ALL_OBJECTS, load_object
from onstrategy.ingest.contracts import SourceObject

ACCOUNT = next(o for o in ALL_OBJECTS if o.name == "Account")
RATES = next(o for o in ALL_OBJECTS if o.name == "DatedConversionRate")
CUSTOMERS = next(o for o in ALL_OBJECTS if o.name == "customers")
ACCOUNT_HEADER = ("Id,Name,Website,Industry,NumberOfEmployees,AnnualRevenue,BillingCountry,OwnerId,CreatedDate,"
                  "IsDeleted,SystemModstamp")


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _load(landing: Path, obj: SourceObject) -> tuple[list, duckdb.DuckDBPyConnection]:
    con = duckdb.connect()
    loads = load_object(con, landing, obj)
    return loads, con


def test_bom_crlf_quotes_newlines_unicode_and_case_insensitive_header(tmp_path: Path) -> None:
    header = ACCOUNT_HEADER.replace("Website", "website").replace("OwnerId", "OWNERID") + ",Unknown"
    body = ('"001A","Müller & Söhne, ""GmbH""",a.de,Retail,"1200",,DE,005A,2025-01-01,false,'
            '2025-01-01T00:00:00.000+0000,x\r\n'
            '"001B","Two\r\nlines",,,,,,005A,2025-01-01,FALSE,2025-01-02T00:00:00Z,""\r\n')
    _write(tmp_path / "salesforce" / "Account.csv", "\ufeff" + header + "\r\n" + body)
    loads, con = _load(tmp_path, ACCOUNT)
    rows = con.execute("select Id, Name, Website, OwnerId, Type, _source_file, _source_line, _batch_rank "
                       "from raw_salesforce.account order by Id").fetchall()
    assert rows == [
        ("001A", 'Müller & Söhne, "GmbH"', "a.de", "005A", None, "salesforce/Account.csv", 1, 1),
        ("001B", "Two\r\nlines", None, "005A", None, "salesforce/Account.csv", 2, 1),
    ]
    assert [x.rows_read for x in loads] == [2]
    columns = [r[0] for r in con.execute("describe raw_salesforce.account").fetchall()]
    assert "Unknown" not in columns and columns[:2] == ["Id", "Name"]


def test_batches_are_ranked_in_file_name_order(tmp_path: Path) -> None:
    row = "001A,A,,,,,,005A,2025-01-01,false,2025-01-01\n"
    _write(tmp_path / "salesforce" / "Account" / "0002.csv", ACCOUNT_HEADER + "\n" + row)
    _write(tmp_path / "salesforce" / "Account" / "0001.csv", ACCOUNT_HEADER + "\n" + row + row)
    _write(tmp_path / "salesforce" / "Account" / "notes.txt", "ignored")
    loads, con = _load(tmp_path, ACCOUNT)
    assert [(x.source_file, x.rows_read) for x in loads] == [
        ("salesforce/Account/0001.csv", 2), ("salesforce/Account/0002.csv", 1)]
    ranks = con.execute("select _source_file, _batch_rank, count(*) from raw_salesforce.account "
                        "group by all order by 1").fetchall()
    assert ranks == [("salesforce/Account/0001.csv", 1, 2), ("salesforce/Account/0002.csv", 2, 1)]
    audit = con.execute("select sum(rows_read) from audit.ingested_files where object = 'Account'").fetchone()
    assert audit == (3,)


def test_header_only_file_is_an_empty_table(tmp_path: Path) -> None:
    _write(tmp_path / "salesforce" / "Account.csv", ACCOUNT_HEADER + "\n")
    _, con = _load(tmp_path, ACCOUNT)
    assert con.execute("select count(*) from raw_salesforce.account").fetchone() == (0,)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (ACCOUNT_HEADER.replace(",BillingCountry", "") + "\n", "missing required column(s) BillingCountry"),
        (b"", "empty file, no header row"),
        (b"\xff\xfeI\x00d\x00", "not UTF-8"),
        ("Id,Id\n1,2\n", "duplicate column"),
    ],
)
def test_structural_problems_name_the_file(tmp_path: Path, content: str | bytes, expected: str) -> None:
    path = _write(tmp_path / "salesforce" / "Account.csv", content)
    with pytest.raises(OnstrategyError) as error:
        _load(tmp_path, ACCOUNT)
    assert str(path) in str(error.value)
    assert expected in str(error.value)


def test_required_object_missing_is_named(tmp_path: Path) -> None:
    (tmp_path / "salesforce").mkdir()
    with pytest.raises(OnstrategyError, match=r"Account\.csv: file missing"):
        _load(tmp_path, ACCOUNT)


def test_optional_object_missing_gives_an_empty_table(tmp_path: Path) -> None:
    (tmp_path / "salesforce").mkdir()
    loads, con = _load(tmp_path, RATES)
    assert loads == []
    assert con.execute("select count(*) from raw_salesforce.dated_conversion_rate").fetchone() == (0,)


def test_no_stripe_folder_gives_empty_stripe_tables(tmp_path: Path) -> None:
    loads, con = _load(tmp_path, CUSTOMERS)
    assert loads == []
    assert con.execute("select count(*) from raw_stripe.customers").fetchone() == (0,)


def test_jsonl_lines_keep_their_line_numbers(tmp_path: Path) -> None:
    _write(tmp_path / "stripe" / "customers.jsonl",
           '{"id":"cus_1","metadata":{"a":"b"}}\n\n{"id":"cus_2","name":"O\'Brien"}\nnot json\n')
    loads, con = _load(tmp_path, CUSTOMERS)
    rows = con.execute("select id, _source_line, object_json from raw_stripe.customers order by _source_line")
    # the line that is not JSON is kept as read, without an id, for the quarantine model to set aside
    assert rows.fetchall() == [("cus_1", 1, '{"id":"cus_1","metadata":{"a":"b"}}'),
                               ("cus_2", 3, '{"id":"cus_2","name":"O\'Brien"}'), (None, 4, "not json")]
    assert (loads[0].rows_read, loads[0].rows_rejected) == (3, 0)


def test_a_file_that_is_not_json_fails(tmp_path: Path) -> None:
    path = _write(tmp_path / "stripe" / "customers.jsonl", "id,name\ncus_1,x\n")
    with pytest.raises(OnstrategyError, match="not JSON lines") as error:
        _load(tmp_path, CUSTOMERS)
    assert str(path) in str(error.value)


def test_both_file_and_folder_is_ambiguous(tmp_path: Path) -> None:
    _write(tmp_path / "salesforce" / "Account.csv", ACCOUNT_HEADER + "\n")
    _write(tmp_path / "salesforce" / "Account" / "1.csv", ACCOUNT_HEADER + "\n")
    with pytest.raises(OnstrategyError, match="ambiguous"):
        _load(tmp_path, ACCOUNT)
