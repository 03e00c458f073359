"""The pure parts of `onstrategy.bench`: arguments, derived numbers, stage sums and the results table.

No pipeline runs here; `make bench` does that.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from onstrategy.bench import (
    COLUMNS,
    DEFAULT_SCALES,
    ScaleResult,
    SiteResult,
    dbt_node_label,
    dbt_run_results,
    landing_files,
    markdown_table,
    measure_floor,
    parse_args,
    parse_scales,
    ratio_to_floor,
    report,
    results_table,
    rows_per_second,
    site_line,
    stage_seconds,
    table_row,
    write_csv,
)


def _result(**overrides: float) -> ScaleResult:
    values = dict(scale=1.0, input_rows=300_000, landing_mib=40.0, demo_s=1.5, ingest_s=4.0, dbt_s=30.0,
                  dbt_build_s=20.0, site_s=6.0, total_s=50.0, peak_rss_mib=1234.4, load_1m=0.5,
                  rusage_lower_bound_mib=900.0, floor_s=2.5, floor_rows=300_000)
    values.update(overrides)
    return ScaleResult(**values)  # type: ignore[arg-type]


# --- arguments -------------------------------------------------------------------------------------------------


def test_parse_scales_accepts_commas_and_spaces() -> None:
    assert parse_scales("0.1,1,5") == [0.1, 1.0, 5.0]
    assert parse_scales(" 0.5 , 2 ") == [0.5, 2.0]
    assert parse_scales("0.1 1 5") == [0.1, 1.0, 5.0]


@pytest.mark.parametrize("text", ["", "0", "1,-2", ","])
def test_parse_scales_rejects_empty_and_non_positive(text: str) -> None:
    with pytest.raises(ValueError):
        parse_scales(text)


def test_scales_default_without_flag_or_environment() -> None:
    args = parse_args([], environ={})
    assert args.scales == list(DEFAULT_SCALES) == [0.1, 1.0, 5.0]
    assert args.out.name == "bench"
    assert args.site_reps == 1000
    assert not args.keep


def test_scales_from_environment() -> None:
    assert parse_args([], environ={"BENCH_SCALES": "0.2,3"}).scales == [0.2, 3.0]


def test_scales_flag_beats_environment_and_takes_both_forms() -> None:
    env = {"BENCH_SCALES": "9"}
    assert parse_args(["--scales", "0.1", "1", "5"], environ=env).scales == [0.1, 1.0, 5.0]
    assert parse_args(["--scales", "0.1,2"], environ=env).scales == [0.1, 2.0]


def test_other_flags(tmp_path: Path) -> None:
    args = parse_args(["--out", str(tmp_path), "--site-reps", "0", "--work-dir", str(tmp_path / "w"), "--keep",
                       "--seed", "7"], environ={})
    assert (args.out, args.site_reps, args.work_dir, args.keep, args.seed) == (tmp_path, 0, tmp_path / "w", True, 7)


def test_bad_scales_exit_with_usage_error() -> None:
    with pytest.raises(SystemExit) as exc:
        parse_args(["--scales", "0"], environ={})
    assert exc.value.code == 2
    with pytest.raises(SystemExit):
        parse_args([], environ={"BENCH_SCALES": "-1"})


# --- derived numbers -------------------------------------------------------------------------------------------


def test_rows_per_second_and_ratio() -> None:
    assert rows_per_second(300_000, 50.0) == 6000.0
    assert rows_per_second(10, 0.0) == 0.0
    assert ratio_to_floor(50.0, 2.5) == 20.0
    assert ratio_to_floor(50.0, 0.0) == 0.0


def test_result_derived_properties() -> None:
    r = _result()
    assert r.rows_per_s == 6000.0  # 300,000 rows / 50 s
    assert r.floor_ratio == 20.0  # 50 s / 2.5 s
    assert r.other_s == 10.0  # 50 - (4 + 30 + 6)
    assert _result(total_s=30.0).other_s == 0.0  # never negative


def test_stage_seconds_sums_steps_into_stages() -> None:
    steps = {"salesforce__account": 0.5, "stripe__invoices": 1.25, "strategy_tables": 0.25, "dbt_models": 30.0,
             "site": 6.0}
    assert stage_seconds(steps) == {"ingest": 2.0, "dbt": 30.0, "site": 6.0}
    assert stage_seconds({}) == {"ingest": 0.0, "dbt": 0.0, "site": 0.0}


# --- formatting ------------------------------------------------------------------------------------------------


def test_table_row_formats_every_column() -> None:
    assert table_row(_result()) == ["1", "300,000", "1.50", "4.00", "30.0", "6.00", "10.0", "50.0", "1,234",
                                    "6,000", "2.50", "20x"]
    assert len(table_row(_result())) == len(COLUMNS)
    assert table_row(_result(scale=0.1))[0] == "0.1"


def test_markdown_table_layout() -> None:
    text = markdown_table(["a", "b", "c"], [["x", "1", "2"], ["y", "3", "4"]])
    assert text.splitlines() == ["| a | b | c |", "|---|---:|---:|", "| x | 1 | 2 |", "| y | 3 | 4 |"]


def test_results_table_has_header_and_one_line_per_scale() -> None:
    lines = results_table([_result(scale=0.1), _result(scale=5.0)]).splitlines()
    assert lines[0] == "| " + " | ".join(COLUMNS) + " |"
    assert len(lines) == 4
    assert lines[3].startswith("| 5 | 300,000 |")


def test_site_line_checks_the_budget() -> None:
    site = SiteResult(reps=1000, rep_pages=1000, pages=1040, seconds=42.0, query_s=2.0, render_s=10.0,
                      mkdocs_s=30.0, peak_rss_mib=800.0)
    assert site.within_budget
    assert "1,040 pages (1,000 rep pages) in 42.0 s" in site_line(site)
    assert "within the 60 s budget" in site_line(site)
    slow = SiteResult(reps=1000, rep_pages=1000, pages=1040, seconds=61.0, query_s=0, render_s=0, mkdocs_s=0,
                      peak_rss_mib=0)
    assert not slow.within_budget
    assert "OVER the 60 s budget" in site_line(slow)


def test_write_csv_has_fields_and_derived_columns(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    write_csv(path, [_result()])
    rows = list(csv.DictReader(path.open()))
    assert len(rows) == 1
    assert float(rows[0]["total_s"]) == 50.0
    assert float(rows[0]["rows_per_s"]) == 6000.0
    assert float(rows[0]["floor_ratio"]) == 20.0
    assert float(rows[0]["other_s"]) == 10.0


def test_report_has_table_load_site_and_slow_nodes() -> None:
    site = SiteResult(reps=1000, rep_pages=1000, pages=1152, seconds=6.5, query_s=0.4, render_s=2.2, mkdocs_s=3.9,
                      peak_rss_mib=360.0)
    text = report([_result()], site, [("model int_contact_personas", 13.76)])
    assert text.startswith("# onstrategy benchmark\n")
    assert results_table([_result()]) in text
    assert "0.5 (scale 1)" in text
    assert site_line(site) in text
    assert "| model int_contact_personas | 13.76 |" in text
    assert "Slowest dbt nodes" not in report([_result()], None, [])


# --- small helpers on files ------------------------------------------------------------------------------------


def test_dbt_run_results(tmp_path: Path) -> None:
    path = tmp_path / "run_results.json"
    assert dbt_run_results(path) == (0.0, [])
    path.write_text(json.dumps({"elapsed_time": 12.5, "results": [
        {"unique_id": "model.onstrategy.fct_bookings", "execution_time": 3.0},
        {"unique_id": "test.onstrategy.not_null_x.abc123", "execution_time": 4.0},
        {"unique_id": "seed.onstrategy.fx", "execution_time": 0.5},
    ]}))
    assert dbt_run_results(path, n=2) == (12.5, [("test not_null_x", 4.0), ("model fct_bookings", 3.0)])
    assert dbt_node_label("odd") == "odd"


def test_landing_files_groups_batches(tmp_path: Path) -> None:
    for rel in ["salesforce/Account.csv", "salesforce/Opportunity/a.csv", "salesforce/Opportunity/b.csv",
                "stripe/customers.jsonl", "notes.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("")
    objects = landing_files(tmp_path)
    assert sorted(objects) == ["salesforce_account", "salesforce_opportunity", "stripe_customers"]
    assert objects["salesforce_opportunity"][0] == ".csv"
    assert [p.name for p in objects["salesforce_opportunity"][1]] == ["a.csv", "b.csv"]


def test_floor_on_a_hand_made_landing_zone(tmp_path: Path) -> None:
    """Won, not deleted: opportunity 1 (EUR 100 + 50) and 3 (USD 70); 2 is lost, line 5 is deleted."""
    landing = tmp_path / "landing"
    (landing / "salesforce").mkdir(parents=True)
    (landing / "salesforce" / "Opportunity.csv").write_text(
        "Id,IsWon,IsDeleted,CurrencyIsoCode\n1,true,false,EUR\n2,false,false,EUR\n3,true,false,USD\n")
    (landing / "salesforce" / "OpportunityLineItem.csv").write_text(
        "Id,OpportunityId,TotalPrice,IsDeleted\na,1,100,false\nb,1,50,false\nc,2,999,false\nd,3,70,false\n"
        "e,3,1000,true\n")
    seconds, rows, totals = measure_floor(landing, tmp_path / "floor.duckdb")
    assert seconds > 0
    assert rows == 3 + 5
    assert sorted(totals) == [("EUR", 150, 2), ("USD", 70, 1)]
