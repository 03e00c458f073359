"""`make help` lists every target of the Makefile, each with its one line, and is the default goal."""

import re
import shutil
import subprocess

import pytest

from tests.conftest import PROJECT_ROOT

MAKEFILE = PROJECT_ROOT / "Makefile"
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _targets() -> list[str]:
    """The named rules of the Makefile (not `$(STAMP)`-style file targets, not special targets like .PHONY)."""
    rule = re.compile(r"^([a-zA-Z][a-zA-Z0-9_-]*):(?!=)")
    return [m.group(1) for line in MAKEFILE.read_text().splitlines() if (m := rule.match(line))]


def _make(*args: str) -> str:
    result = subprocess.run(["make", "--no-print-directory", *args], cwd=PROJECT_ROOT, capture_output=True,
                            text=True, timeout=60, check=True)
    return result.stdout


def test_every_target_is_listed_with_one_line() -> None:
    listed = dict(re.findall(r"^make (\S+) +(\S.*)$", _make("help"), re.MULTILINE))
    assert sorted(listed) == sorted(_targets())
    assert "test-fast" in listed and "generate" in listed


def test_help_is_the_default_goal() -> None:
    assert _make() == _make("help")


def test_every_target_is_phony() -> None:
    phony = re.search(r"^\.PHONY:(.*)$", MAKEFILE.read_text(), re.MULTILINE)
    assert phony is not None
    assert sorted(phony.group(1).split()) == sorted(_targets())
