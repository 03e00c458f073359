"""The Dagster resource that carries the run settings to every asset."""

from pathlib import Path

from dagster import ConfigurableResource

from onstrategy.settings import Settings


class OnstrategySettings(ConfigurableResource):
    """Landing zone, strategy file, warehouse and site folder of this code location."""

    landing: str
    strategy: str
    warehouse: str
    site_dir: str

    @classmethod
    def from_settings(cls, settings: Settings) -> "OnstrategySettings":
        resolved = settings.resolved()
        return cls(landing=str(resolved.landing), strategy=str(resolved.strategy),
                   warehouse=str(resolved.warehouse), site_dir=str(resolved.site_dir))

    @property
    def settings(self) -> Settings:
        return Settings(Path(self.landing), Path(self.strategy), Path(self.warehouse), Path(self.site_dir))
