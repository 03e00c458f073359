"""The export's README and the folders it may replace (onstrategy.publish.export)."""

from __future__ import annotations

from pathlib import Path

import pytest

from onstrategy.errors import OnstrategyError
from onstrategy.publish.export import EXPORT_MARKER, MartColumn, MartTable, check_export_replaceable, render_readme


def test_a_description_is_one_table_cell_with_its_pipes_escaped() -> None:
    table = MartTable("fct_x", "Line one\n  line | two", 1234,
                      (MartColumn("share", "DOUBLE", "won / booked\n(0 to 1)"), MartColumn("note", "VARCHAR", "")))
    readme = render_readme([table], Path("/w/warehouse.duckdb"), "csv")
    assert "| [fct_x](#fct_x) | 1,234 | `fct_x.csv` |" in readme
    assert "\nLine one line \\| two\n" in readme
    assert "| `share` | DOUBLE | won / booked (0 to 1) |" in readme
    assert "| `note` | VARCHAR |  |" in readme
    assert "one CSV file per table" in readme


def test_only_a_new_empty_or_earlier_export_folder_is_replaceable(tmp_path: Path) -> None:
    check_export_replaceable(tmp_path / "new")
    check_export_replaceable(tmp_path)  # empty
    (tmp_path / "a.parquet").write_text("x", encoding="utf-8")
    with pytest.raises(OnstrategyError, match="did not write"):
        check_export_replaceable(tmp_path)
    (tmp_path / EXPORT_MARKER).write_text("", encoding="utf-8")
    check_export_replaceable(tmp_path)
    with pytest.raises(OnstrategyError, match="is not a folder"):
        check_export_replaceable(tmp_path / "a.parquet")
