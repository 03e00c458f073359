"""The run's progress lines (onstrategy.run.progress) and how many dbt nodes a build reports."""

import io

from onstrategy.defs.dbt import planned_node_count
from onstrategy.run.progress import Progress, Verbosity


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_at_each_verbosity() -> None:
    for verbosity, expected in ((Verbosity.QUIET, []),
                                (Verbosity.NORMAL, ["ingest: 3 objects", "dbt: check failed: x"]),
                                (Verbosity.VERBOSE, ["ingest: Account: 5 rows", "ingest: 3 objects",
                                                     "dbt: check failed: x"])):
        out = io.StringIO()
        progress = Progress(out, verbosity)
        progress.line("ingest", "Account: 5 rows", Verbosity.VERBOSE)
        with progress.counting("ingest", "objects", 3) as counter:
            counter.advance(3)
        progress.line("ingest", f"{counter.done} objects")
        if verbosity > Verbosity.QUIET:
            progress.problem("dbt", "check failed: x")
        assert out.getvalue().splitlines() == expected
        assert "\x1b[" not in out.getvalue()


def test_a_terminal_gets_a_live_bar_that_the_closing_line_replaces() -> None:
    out = Terminal()
    progress = Progress(out, Verbosity.NORMAL)
    with progress.counting("dbt", "nodes", 4) as counter:
        for _ in range(4):
            counter.advance()
    progress.line("dbt", "4 nodes built and tested")
    text = out.getvalue()
    assert "4/4" in text  # the bar was drawn
    assert text.rstrip().endswith("dbt: 4 nodes built and tested")


def test_names_in_a_line_are_printed_as_they_are() -> None:
    out = io.StringIO()
    Progress(out).line("dbt", "check failed: [bold]accepted_values[/bold] on marts/x")
    assert out.getvalue() == "dbt: check failed: [bold]accepted_values[/bold] on marts/x\n"


def _node(kind: str, parents: list[str], attached: str | None = None) -> dict:
    return {"resource_type": kind, "depends_on": {"nodes": parents}, "attached_node": attached}


def test_planned_nodes_count_models_seeds_and_the_tests_that_become_checks() -> None:
    manifest = {"nodes": {
        "seed.p.s": _node("seed", []),
        "model.p.a": _node("model", ["seed.p.s"]),
        "model.p.b": _node("model", ["model.p.a"]),
        "test.p.not_null_a": _node("test", ["model.p.a"], "model.p.a"),
        "test.p.relationship_b_a": _node("test", ["model.p.b", "model.p.a"], "model.p.b"),
        "test.p.singular_b": _node("test", ["model.p.b"]),
        "test.p.singular_a_and_b": _node("test", ["model.p.a", "model.p.b"]),  # observations only
        "operation.p.hook": _node("operation", []),
    }}
    assert planned_node_count(manifest, None) == 3 + 3
    # incremental: b and the checks that read it
    assert planned_node_count(manifest, {"model.p.b"}) == 1 + 2
