"""The pure parts of `make bench`: arguments, derived numbers, stage sums, the results table and report, the floor
script on a hand-made landing zone, and the activity batch writer.

No pipeline runs here; `make bench` does that.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from bench.floor import FLOOR_TABLE, run_floor
from bench.report import (
    COLUMNS,
    ScaleResult,
    SiteResult,
    benchmarks_markdown,
    growth_exponent,
    markdown_table,
    ratio_to_floor,
    report,
    results_table,
    rows_per_second,
    site_line,
    table_row,
    targets_table,
    time_chart_svg,
    write_csv,
    write_json,
)
from bench.run import DEFAULT_SCALES, dbt_node_label, dbt_run_results, parse_args, parse_scales, stage_seconds
from onstrategy.demo.batches import split_activities_into_batches, write_activity_batch


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
    assert args.scales == list(DEFAULT_SCALES) == [1.0, 10.0, 100.0]
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
                                    "6,000", "2.50", "20.0x", "-", "-"]
    assert table_row(_result(incremental_s=5.0))[-2:] == ["5.00", "10%"]  # 5 s of a 50 s full run
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


SEGMENTS_AND_LINES_STRATEGY = """
reporting_currency: USD
fiscal_year_start_month: 1
versions:
  - name: plan
    effective_from: 2025-01-01
    segments:
      - {name: Retail, industries: [Retail], icp: true}
    target_accounts: [001TARGET]
    product_lines:
      - {name: Core, families: [Core], target_share: 0.7}
      - {name: Legacy, families: [Legacy], target_share: 0.3, deprioritized: true}
"""


def _csv(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.strip() + "\n", encoding="utf-8")


def test_floor_computes_bookings_and_on_strategy_share_by_rep(tmp_path: Path) -> None:
    """Rep A, FY2025-Q1: Retail (ICP) deal of EUR 180 Core + USD-less Legacy 100 line, and a non-ICP deal with no
    lines (Amount 50, Unmapped); deal 3 is lost, line l4 deleted, deal 2's first version superseded by batch 2.
    EUR 180 at rate 0.9 = USD 200. Rep B: a target account's Legacy line of 40 (deprioritized: off strategy)."""
    landing = tmp_path / "landing"
    sf = landing / "salesforce"
    stamp = "2025-01-01T00:00:00.000+0000"
    _csv(sf / "Account.csv", f"""
Id,Name,Industry,BillingCountry,NumberOfEmployees,IsDeleted,SystemModstamp
001RETAIL,R,Retail,US,10,false,{stamp}
001OTHER,O,Mining,US,10,false,{stamp}
001TARGET,T,Mining,US,10,false,{stamp}""")
    _csv(sf / "Product2.csv", f"""
Id,Name,ProductCode,Family,IsActive,SystemModstamp
01tCORE,C,C1,Core,true,{stamp}
01tLEG,L,L1,Legacy,true,{stamp}""")
    header = "Id,AccountId,OwnerId,Amount,CurrencyIsoCode,CloseDate,IsWon,IsDeleted,SystemModstamp"
    _csv(sf / "Opportunity" / "0001.csv", f"""
{header}
006A1,001RETAIL,005A,280,EUR,2025-02-01,true,false,{stamp}
006A2,001OTHER,005A,10,USD,2025-02-02,false,false,{stamp}
006A3,001RETAIL,005A,999,USD,2025-02-03,false,false,{stamp}
006B1,001TARGET,005B,40,USD,2025-03-01,true,false,{stamp}""")
    _csv(sf / "Opportunity" / "0002.csv", f"""
{header}
006A2,001OTHER,005A,50,USD,2025-02-02,true,false,2025-06-01T00:00:00.000+0000""")
    _csv(sf / "OpportunityLineItem.csv", f"""
Id,OpportunityId,Product2Id,TotalPrice,IsDeleted,SystemModstamp
l1,006A1,01tCORE,180,false,{stamp}
l2,006A1,01tLEG,100,false,{stamp}
l3,006A3,01tCORE,999,false,{stamp}
l4,006A1,01tCORE,5000,true,{stamp}
l5,006B1,01tLEG,40,false,{stamp}""")
    _csv(sf / "DatedConversionRate.csv", """
IsoCode,ConversionRate,StartDate,NextStartDate
EUR,0.9,2024-01-01,2026-01-01""")
    for name, header_line in [("Contact", "Id,AccountId"), ("OpportunityContactRole", "Id,OpportunityId"),
                              ("User", "Id,Name"), ("UserRole", "Id,Name"), ("Task", "Id,OwnerId"),
                              ("Event", "Id,OwnerId")]:
        _csv(sf / f"{name}.csv", header_line + "\nx1,y1")
    for name in ("customers", "products", "prices", "subscriptions", "invoices"):
        _csv(landing / "stripe" / f"{name}.jsonl", '{"id": "x1"}')
    strategy = tmp_path / "strategy.yml"
    strategy.write_text(SEGMENTS_AND_LINES_STRATEGY, encoding="utf-8")

    result = run_floor(landing, strategy, tmp_path / "floor" / "floor.duckdb")
    assert result.seconds > 0 and result.rep_quarters == 2
    with duckdb.connect(str(tmp_path / "floor" / "floor.duckdb"), read_only=True) as con:
        rows = con.execute(f"select * from {FLOOR_TABLE} order by 1").fetchall()
    # A: lines 180 EUR (= 200 USD, Core, ICP: on) + 100 EUR (= 111.11 USD, Legacy: off) + deal A2 50 USD
    # (no lines: Unmapped, non-ICP account: off) -> 361.11, on-strategy 200 / 361.11
    a_total = 180 / 0.9 + 100 / 0.9 + 50
    assert rows[0][:2] == ("005A", "FY2025-Q1")
    assert rows[0][2] == pytest.approx(a_total) and rows[0][3] == pytest.approx(200 / a_total)
    # B: target account (ICP) but a deprioritized line: off strategy
    assert rows[1] == ("005B", "FY2025-Q1", pytest.approx(40), pytest.approx(0.0))


def test_activity_batch_updates_and_adds_one_percent(tmp_path: Path) -> None:
    sf = tmp_path / "salesforce"
    rows = "\n".join(f"00T{i:015d},005A,,,Open,2025-01-01,2025-01-01T00:00:00.000+0000,false,"
                     f"2025-01-01T00:00:00.000+0000" for i in range(20_000))
    _csv(sf / "Task.csv", "Id,OwnerId,AccountId,WhatId,Status,ActivityDate,CreatedDate,IsDeleted,SystemModstamp\n"
         + rows)
    _csv(sf / "Event.csv", "Id,OwnerId,AccountId,WhatId,ActivityDate,DurationInMinutes,CreatedDate,IsDeleted,"
         "SystemModstamp\n00U000000000000001,005A,,,2025-01-01,30,2025-01-01T00:00:00.000+0000,false,"
         "2025-01-01T00:00:00.000+0000")
    split_activities_into_batches(tmp_path)
    assert (sf / "Task" / "0001.csv").exists() and not (sf / "Task.csv").exists()
    written = write_activity_batch(tmp_path, 0.01, seed=3)
    assert 150 <= written["Task"] <= 250  # about 1% of 20,000
    again = tmp_path / "again"
    again.mkdir()
    (sf / "Task" / "0002.csv").rename(again / "first.csv")
    (sf / "Event" / "0002.csv").unlink()
    write_activity_batch(tmp_path, 0.01, seed=3)
    assert (sf / "Task" / "0002.csv").read_bytes() == (again / "first.csv").read_bytes()  # deterministic
    with duckdb.connect() as con:
        batch = con.execute(f"select Id, Status, SystemModstamp from read_csv('{sf / 'Task' / '0002.csv'}', "
                            "all_varchar = true)").fetchall()
    new = [r for r in batch if r[0].startswith("00TB02")]
    updated = [r for r in batch if not r[0].startswith("00TB02")]
    assert new and updated and len({r[0] for r in batch}) == len(batch)
    assert all(len(r[0]) == 18 for r in batch)
    assert all(r[2] == "2026-11-16T06:00:00.000+0000" for r in batch)
    assert all(r[1] == "Completed" for r in updated)  # updates complete open tasks; new records keep theirs


# --- docs/benchmarks.md ------------------------------------------------------------------------------------------


def test_growth_exponent() -> None:
    assert growth_exponent(1, 100, 10.0, 1000.0) == pytest.approx(1.0)  # linear
    assert growth_exponent(1, 100, 10.0, 100.0) == pytest.approx(0.5)
    assert growth_exponent(1, 1, 10.0, 100.0) is None


def test_targets_table_judges_each_target() -> None:
    results = [_result(scale=1.0), _result(scale=100.0, total_s=300.0, floor_s=200.0, peak_rss_mib=3000.0,
                                           incremental_s=30.0, demo_s=100.0)]
    text = targets_table(results, None)
    assert "| full run at scale 100 within 2x the floor | 1.5x (300.0 s vs 200.0 s) | met |" in text
    assert "| incremental run after a 1% batch at most 15% of the full run | 10% at worst (scale 100) | met |" in text
    slow = targets_table([_result(scale=100.0, total_s=1000.0, floor_s=100.0, peak_rss_mib=5000.0)], None)
    assert "10.0x (1000.0 s vs 100.0 s) | **not met** |" in slow
    assert "| 5,000 MiB | **not met** |" in slow


def test_benchmarks_markdown_chart_and_json(tmp_path: Path) -> None:
    results = [_result(scale=1.0, incremental_s=5.0, incremental_plan="incremental: source:salesforce.task+"),
               _result(scale=10.0, total_s=200.0, floor_s=20.0, incremental_s=12.0)]
    facts = {"date": "2026-12-01 10:00 UTC", "cpus": "2", "os": "Linux x86_64", "python": "3.11.7",
             "memory": "24 GiB", "duckdb": "2.0.0"}
    text = benchmarks_markdown(results, None, [], facts, "images/chart.svg")
    assert results_table(results) in text and "![Time vs scale](images/chart.svg)" in text
    assert "| cpus | 2 |" in text and "grows as scale^0.60" in text  # 50 s -> 200 s for 10x the data
    assert "`incremental: source:salesforce.task+`" in text
    svg = time_chart_svg(results)
    assert svg.startswith("<svg") and svg.count("<path") == 3 and svg.count("<circle") == 6
    write_json(tmp_path / "r.json", results, None, [("model x", 1.0)], facts)
    payload = json.loads((tmp_path / "r.json").read_text())
    assert payload["machine"]["cpus"] == "2" and payload["scales"][1]["floor_ratio"] == 10.0
    assert payload["scales"][0]["incremental_share"] == 0.1


def test_peak_memory_takes_a_spike_the_sampler_missed() -> None:
    from bench.run import _peak_mib

    # one process alone peaked at 5,000 MiB between two samples of a 3,000 MiB tree: the peak is at least that
    assert _peak_mib(3000.0, {"rusage_lower_bound_kib": 5000 * 1024}) == 5000.0
    # a sampled tree of two processes is above any single process's own peak
    assert _peak_mib(3000.0, {"rusage_lower_bound_kib": 2000 * 1024}) == 3000.0


def test_a_child_does_not_inherit_its_parents_peak_memory(tmp_path: Path) -> None:
    """ru_maxrss survives fork and exec on Linux; the child's own peak (VmHWM) must not."""
    import subprocess
    import sys

    ballast = bytearray(300 * 2**20)  # 300 MiB touched in this process before the child starts
    for i in range(0, len(ballast), 4096):
        ballast[i] = 1
    child = subprocess.run([sys.executable, "-c", "from bench.run import _own_peak_kib; print(_own_peak_kib())"],
                           capture_output=True, text=True, check=True)
    assert int(child.stdout) < 200 * 1024
    del ballast


def test_the_benchmark_is_not_part_of_the_installed_product(tmp_path: Path) -> None:
    """`make bench` runs from the repository root; an installed onstrategy has no benchmark in it."""
    probe = ("import importlib\n"
             "found = []\n"
             "for name in ('onstrategy.bench', 'onstrategy.bench_floor', 'onstrategy.bench_report', 'bench.run', "
             "'onstrategy_site.synthetic'):\n"
             "    try:\n"
             "        importlib.import_module(name)\n"
             "        found.append(name)\n"
             "    except ImportError:\n"
             "        pass\n"
             "import onstrategy, onstrategy_site\n"
             "print(found)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True,
                          env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert done.stdout.strip() == "[]"
