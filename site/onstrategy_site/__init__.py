"""The onstrategy executive site: queries the marts, renders Markdown pages, runs `mkdocs build`.

    from onstrategy_site import build_site
    build_site(warehouse, out_dir, strategy_file, dbt_manifest=None) -> {"pages": n, "seconds": t, ...}
"""

from onstrategy_site.build import build_site

__all__ = ["build_site"]
