"""Every Python package of the product is declared in pyproject.toml, so a wheel ships what the editable install
finds (a new folder of modules that is not declared works in development and is missing once installed)."""

import tomllib
from pathlib import Path

from tests.conftest import PROJECT_ROOT


def test_every_product_package_is_declared() -> None:
    setuptools = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    declared = set(setuptools["packages"])
    found = set()
    for package, folder in setuptools["package-dir"].items():
        root = PROJECT_ROOT / folder
        for init in root.rglob("__init__.py"):
            relative = init.parent.relative_to(root)
            found.add(".".join((package, *relative.parts)) if relative.parts else package)
    assert found - declared == set()


def test_package_data_folders_are_declared() -> None:
    setuptools = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    site = PROJECT_ROOT / setuptools["package-dir"]["onstrategy_site"]
    data_folders = {p.name for p in site.iterdir() if p.is_dir() and not (p / "__init__.py").exists()
                    and p.name != "__pycache__"}
    assert {f"onstrategy_site.{name}" for name in data_folders} <= set(setuptools["packages"])
    assert Path(site / "queries").is_dir()
