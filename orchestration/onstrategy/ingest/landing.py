"""Finding an object's files in the landing zone.

`<landing>/salesforce/<Object>.csv` or `<landing>/salesforce/<Object>/<batch>.csv` (several batches, applied in
file-name order); Stripe likewise with `.jsonl`. Names are matched case-insensitively, so an export tool that
writes `account.csv` still works.
"""

from pathlib import Path

from onstrategy.errors import OnstrategyError
from onstrategy.ingest.contracts import SourceObject


def object_files(landing: Path, obj: SourceObject) -> list[Path]:
    """The object's files in batch order (single file, or every file of its folder sorted by name).

    Raises OnstrategyError when a required object has no file, or when both a file and a folder exist.
    """
    source_dir = landing / obj.source
    if not source_dir.is_dir():
        if obj.required_file:
            raise OnstrategyError(f"{source_dir}: folder missing (required for {obj.source} object {obj.name})")
        return []
    wanted_file = f"{obj.name}.{obj.extension}".lower()
    single = [p for p in source_dir.iterdir() if p.is_file() and p.name.lower() == wanted_file]
    folders = [p for p in source_dir.iterdir() if p.is_dir() and p.name.lower() == obj.name.lower()]
    if single and folders:
        raise OnstrategyError(
            f"{single[0]}: ambiguous landing zone, both this file and the folder {folders[0]} exist for "
            f"{obj.name}; keep one"
        )
    if single:
        return single[:1]
    if folders:
        batches = sorted(
            (p for p in folders[0].iterdir() if p.is_file() and p.suffix.lower() == f".{obj.extension}"),
            key=lambda p: p.name,
        )
        if batches:
            return batches
        if obj.required_file:
            raise OnstrategyError(f"{folders[0]}: no .{obj.extension} batch files for {obj.name}")
        return []
    if obj.required_file:
        raise OnstrategyError(
            f"{source_dir / (obj.name + '.' + obj.extension)}: file missing (or a folder "
            f"{obj.name}/ of .{obj.extension} batches); required {obj.source} object"
        )
    return []


def relative_name(landing: Path, path: Path) -> str:
    """The file's path relative to the landing zone, with forward slashes (as recorded in `_source_file`)."""
    try:
        return path.relative_to(landing).as_posix()
    except ValueError:
        return path.as_posix()
