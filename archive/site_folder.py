"""Where a site's files go: `<data>/<site>/` (WARCs, JSONL, state, reports, lock). No Scrapy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

DEFAULT_DATA_DIR = "data"


def site_folder(data_dir: str | Path, site: str) -> Path:
    """The folder of `site` under the data folder `data_dir`: the one place that builds it.
    Raises ValueError for a name that is not one plain folder name (profiles refuse those first;
    this guard keeps a name from anywhere else from writing outside `data_dir`)."""
    if not site or site in (".", "..") or "/" in site or "\\" in site or "\0" in site:
        raise ValueError(f"site name {site!r} is not a plain folder name")
    return Path(data_dir) / site


def crawl_site_folder(settings: Any, site: str) -> Path:
    """The site folder a crawl with these Scrapy settings writes to (`LONGFORM_DATA_DIR`)."""
    return site_folder(settings.get("LONGFORM_DATA_DIR") or DEFAULT_DATA_DIR, site)
