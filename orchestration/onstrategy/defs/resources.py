"""The Dagster resource that carries the run settings to every asset."""

from pathlib import Path

from dagster import ConfigurableResource

from onstrategy.settings import DEFAULT_ENGINE, Settings


class OnstrategySettings(ConfigurableResource):
    """Landing zone, strategy file, warehouse, site folder and dbt engine of this code location."""

    landing: str
    strategy: str
    warehouse: str
    site_dir: str
    engine: str = DEFAULT_ENGINE

    @classmethod
    def from_settings(cls, settings: Settings) -> "OnstrategySettings":
        resolved = settings.resolved()
        return cls(landing=str(resolved.landing), strategy=str(resolved.strategy),
                   warehouse=str(resolved.warehouse), site_dir=str(resolved.site_dir), engine=resolved.engine)

    @property
    def settings(self) -> Settings:
        return Settings(Path(self.landing), Path(self.strategy), Path(self.warehouse), Path(self.site_dir),
                        self.engine)
