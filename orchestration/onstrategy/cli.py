"""The `onstrategy` command line (a contract: see the shared SPEC, "Command line").

Expected failures (bad input, bad config) print one line on stderr and exit 1, without a traceback.
"""

import argparse
import importlib.metadata
import sys
from collections.abc import Sequence
from pathlib import Path

from onstrategy.errors import OnstrategyError, describe_os_error
from onstrategy.settings import DEFAULT_ENGINE, ENGINES, EXPORT_FORMATS, Settings

EXIT_FAILURE = 1
EXIT_INTERRUPTED = 130


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be > 0, got {text}")
    return value


def _quirks_rate(text: str) -> float:
    try:
        rate = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= rate < 0.5:
        raise argparse.ArgumentTypeError(f"{text} is outside 0 .. 0.5")
    return rate


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="onstrategy",
        description="Is the sales team executing the strategy, or just hitting its number?",
    )
    parser.add_argument("--version", action="version",
                        version=f"onstrategy {importlib.metadata.version('onstrategy')}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="write a deterministic demo landing zone")
    demo.add_argument("--out", type=Path, required=True, help="folder to write the landing zone into")
    demo.add_argument("--scale", type=_positive_float, default=1.0,
                      help="data volume; 1 = about 40 reps and 15,000 opportunities (default 1)")
    demo.add_argument("--seed", type=int, default=42, help="random seed; same seed, same bytes (default 42)")
    demo.add_argument("--quirks", type=_quirks_rate, default=0.0, metavar="RATE",
                      help="share of records to dirty (bad dates, unknown currencies, orphans, duplicates, updates "
                      "and deletions in a second batch) so the quarantine has something to show; 0 to 0.5 "
                      "(default 0)")

    run = commands.add_parser("run", help="ingest, build the marts and publish the site")
    run.add_argument("--landing", type=Path, required=True, help="landing zone folder")
    run.add_argument("--strategy", type=Path, required=True, help="strategy.yml")
    run.add_argument("--warehouse", type=Path, required=True, help="DuckDB warehouse file to publish")
    run.add_argument("--site-dir", type=Path, default=None, help="where to publish the site (default site/build)")
    run.add_argument("--engine", choices=ENGINES, default=None,
                     help=f"where dbt builds the models: {DEFAULT_ENGINE} (default, or $ONSTRATEGY_ENGINE) or spark "
                     "(dbt-spark, needs the `spark` extra and Java 17; see docs/scale-out.md)")
    loudness = run.add_mutually_exclusive_group()
    loudness.add_argument("--quiet", "-q", action="store_const", const=0, dest="verbosity", default=1,
                          help="print only errors and what the quarantine holds out")
    loudness.add_argument("--verbose", "-v", action="store_const", const=2, dest="verbosity",
                          help="also a line per landing object loaded and per dbt node built or tested")

    export = commands.add_parser("export", help="write the marts as Parquet or CSV files, with a README of their "
                                 "columns")
    export.add_argument("--warehouse", type=Path, default=None,
                        help="the published DuckDB warehouse (default $ONSTRATEGY_WAREHOUSE, else the demo's)")
    export.add_argument("--out", type=Path, required=True,
                        help="folder to write into: new, empty, or an earlier export (replaced whole)")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="parquet", dest="file_format",
                        help="parquet (default: keeps the column types) or csv (text with a header row)")

    validate = commands.add_parser("validate-strategy", help="check a strategy file and list every problem")
    validate.add_argument("file", type=Path, help="strategy.yml")
    validate.add_argument("--landing", type=Path, default=None,
                          help="landing zone folder: also check that the records the strategy names exist there")
    return parser


def _demo(args: argparse.Namespace) -> int:
    from onstrategy.demo import generate_landing_zone
    from onstrategy.publish.guard import prepare_demo_folder

    prepare_demo_folder(args.out)
    counts = generate_landing_zone(args.out, scale=args.scale, seed=args.seed)
    print(f"demo landing zone written to {args.out}: {len(counts)} files, {sum(counts.values()):,} records")
    if args.quirks:
        from onstrategy.demo.quirks import apply_quirks

        quirks = apply_quirks(args.out, args.quirks, args.seed)
        print("quirks: " + ", ".join(f"{kind} {count:,}" for kind, count in quirks.items()))
    return 0


def _run(args: argparse.Namespace) -> int:
    from onstrategy.run.pipeline import run_pipeline
    from onstrategy.run.progress import Verbosity

    from_env = Settings.from_env()
    site_dir = args.site_dir or from_env.site_dir
    engine = args.engine or from_env.engine
    verbosity = Verbosity(args.verbosity)
    outcome = run_pipeline(Settings(args.landing, args.strategy, args.warehouse, site_dir, engine), verbosity)
    if verbosity > Verbosity.QUIET:
        print(f"run succeeded in {outcome.seconds:.1f} s"
              + (f" (engine {engine})" if engine != DEFAULT_ENGINE else ""))
        print(f"dbt build: {outcome.dbt_plan or 'unknown'}")
        print(f"warehouse: {outcome.warehouse}")
        print(f"site:      {outcome.site_dir / 'index.html'}")
        print(f"run log:   {outcome.log}")
        if outcome.dagster_home is not None:
            print(f"dagster:   run recorded in {outcome.dagster_home} (`dagster dev` with this DAGSTER_HOME shows it)")
    for line in outcome.held_out:
        print(f"not counted: {line}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from onstrategy.publish.export import README, export_marts

    warehouse = args.warehouse or Settings.from_env().warehouse
    tables = export_marts(warehouse, args.out, args.file_format)
    rows = sum(table.rows for table in tables)
    print(f"exported {len(tables)} marts ({rows:,} rows) from {warehouse} to {args.out} as {args.file_format}; "
          f"{args.out / README} lists their columns")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from onstrategy.strategy.load import validate_strategy_main

    return validate_strategy_main(args.file, args.landing)


COMMANDS = {"demo": _demo, "run": _run, "export": _export, "validate-strategy": _validate}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except OnstrategyError as exc:
        print(f"onstrategy {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:  # a file system failure no step named (expected ones are OnstrategyErrors)
        print(f"onstrategy {args.command}: error: {describe_os_error(exc, '(path unknown)')}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print(f"onstrategy {args.command}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
