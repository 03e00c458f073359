"""`onstrategy demo --quirks RATE`: deterministic dirt of every kind, applied without losing the clean records."""

import hashlib
from pathlib import Path

import pytest

from onstrategy.demo import generate_landing_zone
from onstrategy.demo.quirks import QUIRK_KINDS, apply_quirks


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _dirty(folder: Path, rate: float, seed: int = 3) -> dict[str, int]:
    generate_landing_zone(folder, scale=0.05, seed=seed)
    return apply_quirks(folder, rate, seed)


def test_same_seed_same_bytes_and_every_kind_present(tmp_path: Path) -> None:
    first, second = _dirty(tmp_path / "a", 0.05), _dirty(tmp_path / "b", 0.05)
    assert first == second
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert set(first) == set(QUIRK_KINDS)
    assert all(count > 0 for count in first.values()), first


def test_opportunities_move_into_two_batches(tmp_path: Path) -> None:
    counts = _dirty(tmp_path, 0.05)
    salesforce = tmp_path / "salesforce"
    assert not (salesforce / "Opportunity.csv").exists()
    second = (salesforce / "Opportunity" / "0002.csv").read_text(encoding="utf-8").splitlines()
    assert len(second) - 1 == counts["updated"] + counts["deleted"]
    assert sum('"true","2026-11-16T06:00:00.000+0000"' in line for line in second) == counts["deleted"]


def test_rate_zero_changes_nothing(tmp_path: Path) -> None:
    generate_landing_zone(tmp_path / "clean", scale=0.05, seed=3)
    generate_landing_zone(tmp_path / "zero", scale=0.05, seed=3)
    assert set(apply_quirks(tmp_path / "zero", 0, 3).values()) == {0}
    assert _digest(tmp_path / "zero") == _digest(tmp_path / "clean")


@pytest.mark.parametrize("rate", [-0.1, 0.5, 2])
def test_rate_outside_range_is_refused(tmp_path: Path, rate: float) -> None:
    with pytest.raises(ValueError, match="quirks rate"):
        apply_quirks(tmp_path, rate, 1)
