"""When runs start: a daily schedule and a sensor that starts a run when the landing zone changes."""

import hashlib
from pathlib import Path

from dagster import (
    AssetSelection,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    define_asset_job,
    sensor,
)

from onstrategy.settings import Settings

LANDING_SUFFIXES = (".csv", ".jsonl")

full_refresh_job = define_asset_job(
    "full_refresh",
    selection=AssetSelection.all(),
    description="Ingest every landing file, rebuild the marts and publish the site.",
)

daily_schedule = ScheduleDefinition(
    name="daily_full_refresh",
    job=full_refresh_job,
    cron_schedule="0 6 * * *",
    default_status=DefaultScheduleStatus.STOPPED,
    description="Every morning at 06:00, before executives open the site.",
)


def landing_fingerprint(landing: Path) -> str:
    """A digest of every landing file's path, size and modification time (changes when a batch arrives)."""
    digest = hashlib.sha256()
    if landing.is_dir():
        for path in sorted(p for p in landing.rglob("*") if p.is_file() and p.suffix.lower() in LANDING_SUFFIXES):
            stat = path.stat()
            digest.update(f"{path.relative_to(landing).as_posix()}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@sensor(
    job=full_refresh_job,
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.STOPPED,
    description="Starts a full refresh when a landing file is added or changed.",
)
def landing_zone_sensor(context: SensorEvaluationContext):
    fingerprint = landing_fingerprint(Settings.from_env().landing)
    if fingerprint == context.cursor:
        yield SkipReason("landing zone unchanged")
        return
    context.update_cursor(fingerprint)
    yield RunRequest(run_key=fingerprint)
