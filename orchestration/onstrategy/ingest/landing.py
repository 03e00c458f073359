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


def check_landing_layout(landing: Path) -> None:
    """Fail at once, in one line with a hint, when the landing zone's layout is wrong: before a run copies the
    warehouse or starts dbt, rather than once per object after it."""
    from onstrategy.ingest import ALL_OBJECTS

    if not landing.is_dir():
        raise OnstrategyError(f"{landing}: landing zone folder not found")
    sources = sorted({obj.source for obj in ALL_OBJECTS})
    required = sorted({obj.source for obj in ALL_OBJECTS if obj.required_file})
    missing = [source for source in required if not (landing / source).is_dir()]
    if not missing:
        return
    names = {f"{obj.name}.{obj.extension}".lower() for obj in ALL_OBJECTS} | {obj.name.lower() for obj in ALL_OBJECTS}
    looks_like_a_source = landing.name.lower() in sources or any(
        entry.name.lower() in names for entry in landing.iterdir())
    hint = (f"; it looks like a source folder itself: pass its parent ({landing.parent})" if looks_like_a_source
            else f"; expected {', '.join(f'{source}/' for source in sources)} inside it (docs/input-contract.md)")
    raise OnstrategyError(f"{landing}: no {' or '.join(f'{source}/' for source in missing)} folder in the landing "
                          f"zone{hint}")
