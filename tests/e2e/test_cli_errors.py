"""The CLI's contract for expected failures: exit non-zero, one clear line on stderr, no traceback."""

from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, run_cli


def _assert_one_line_error(result, *fragments: str) -> None:
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_missing_landing_zone_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = run_cli("run", "--landing", str(missing), "--strategy", str(PROJECT_ROOT / "strategy.yml"),
                     "--warehouse", str(tmp_path / "w.duckdb"), "--site-dir", str(tmp_path / "site"))
    _assert_one_line_error(result, str(missing))
    assert not (tmp_path / "w.duckdb").exists()


def test_invalid_strategy_is_refused_before_touching_the_warehouse(tmp_path: Path) -> None:
    (tmp_path / "landing" / "salesforce").mkdir(parents=True)
    strategy = tmp_path / "strategy.yml"
    strategy.write_text("reporting_currency: USD\nfiscal_year_start_month: 13\nversions: []\n")
    result = run_cli("run", "--landing", str(tmp_path / "landing"), "--strategy", str(strategy),
                     "--warehouse", str(tmp_path / "w.duckdb"), "--site-dir", str(tmp_path / "site"))
    _assert_one_line_error(result, str(strategy))
    assert not (tmp_path / "w.duckdb").exists()
    assert not (tmp_path / "w.duckdb.work").exists()


def test_missing_required_columns_name_every_file_and_column(tmp_path: Path) -> None:
    """Objects load side by side, so two bad files are both reported, in one line."""
    landing = tmp_path / "landing"
    result = run_cli("demo", "--out", str(landing), "--scale", "0.02", "--seed", "1")
    assert result.returncode == 0, result.stderr
    for name, column, renamed in (("Account", "BillingCountry", "Country"), ("Contact", "AccountId", "Account")):
        path = landing / "salesforce" / f"{name}.csv"
        header, *rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text(header.replace(column, renamed) + "".join(rows), encoding="utf-8")
    result = run_cli("run", "--landing", str(landing), "--strategy", str(PROJECT_ROOT / "strategy.yml"),
                     "--warehouse", str(tmp_path / "w.duckdb"), "--site-dir", str(tmp_path / "site"))
    _assert_one_line_error(result, "Account.csv", "BillingCountry", "Contact.csv", "AccountId")
    assert not (tmp_path / "w.duckdb").exists()
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("scale", ["0", "-1", "abc"])
def test_demo_rejects_bad_scale(tmp_path: Path, scale: str) -> None:
    result = run_cli("demo", "--out", str(tmp_path), "--scale", scale)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr


def test_a_landing_zone_pointed_at_its_salesforce_folder_is_one_line_with_the_parent(tmp_path: Path) -> None:
    salesforce = tmp_path / "landing" / "salesforce"
    salesforce.mkdir(parents=True)
    (salesforce / "Account.csv").write_text("Id,Name\n", encoding="utf-8")
    result = run_cli("run", "--landing", str(salesforce), "--strategy", str(PROJECT_ROOT / "strategy.yml"),
                     "--warehouse", str(tmp_path / "w.duckdb"), "--site-dir", str(tmp_path / "site"))
    _assert_one_line_error(result, f"{salesforce}: no salesforce/ folder in the landing zone")
    assert f"pass its parent ({tmp_path / 'landing'})" in result.stderr
    assert not (tmp_path / "w.duckdb.work").exists()


def test_a_landing_zone_without_a_salesforce_folder_says_what_it_expects(tmp_path: Path) -> None:
    (tmp_path / "landing" / "exports").mkdir(parents=True)
    result = run_cli("run", "--landing", str(tmp_path / "landing"), "--strategy", str(PROJECT_ROOT / "strategy.yml"),
                     "--warehouse", str(tmp_path / "w.duckdb"), "--site-dir", str(tmp_path / "site"))
    _assert_one_line_error(result, "no salesforce/ folder in the landing zone; expected salesforce/, stripe/ inside it")
