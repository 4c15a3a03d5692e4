"""The settings one run derives from its profile: crawl id, site folder, the archive's `ARCHIVE_*`.

Derived in one place, by the run's owner (`spiders.run_lifecycle`), before the engine builds the
archive middleware and the item pipeline that read them. Set at "spider" priority, so `-s` on the
command line still overrides each (a test crawl may put its WARCs elsewhere with `-s ARCHIVE_DIR`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archive.site_folder import crawl_site_folder
from pipelines.derive import software
from scrapers.profile import SiteProfile, profile_to_json
from spiders.queue_folder import new_queue_folder

WARC_FOLDER = "warc"


def new_crawl_id(site: str) -> str:
    """A crawl id unique per run: '<site>-<UTC timestamp>'."""
    return f"{site}-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}"


def derive_run_settings(settings: Any, profile: SiteProfile) -> str:
    """Set the run's crawl id and the archive's settings from `profile`; the crawl id."""
    crawl_id = settings.get("LONGFORM_CRAWL_ID") or new_crawl_id(profile.name)
    settings.set("LONGFORM_CRAWL_ID", crawl_id, priority="spider")
    if not settings.get("ARCHIVE_DIR"):
        folder = crawl_site_folder(settings, profile.name)
        settings.set("ARCHIVE_DIR", str(folder / WARC_FOLDER), priority="spider")
    if settings.getbool("LONGFORM_DISK_QUEUE") and not settings.get("JOBDIR"):
        # Scrapy's disk queues: a fresh temporary folder per run, not the site folder, whose disk
        # may fill (closing the queue on a full disk failed the run's clean stop).
        queue = str(new_queue_folder(profile.name))
        settings.set("JOBDIR", queue, priority="spider")
        settings.set("LONGFORM_OWN_JOBDIR", queue, priority="spider")
    settings.set("ARCHIVE_PREFIX", profile.name, priority="spider")
    settings.set("ARCHIVE_CRAWL_ID", crawl_id, priority="spider")
    settings.set("ARCHIVE_INFO", _warcinfo(profile, crawl_id, settings), priority="spider")
    if settings.getbool("LONGFORM_FULL"):
        settings.set("ARCHIVE_CONDITIONAL", False, priority="spider")
    return crawl_id


def own_job_dir(settings: Any) -> Path | None:
    """The disk queues' folder when this run made it; None for a `JOBDIR` the user gave (`-s`),
    which is theirs to keep, or with the queues in memory."""
    own = settings.get("LONGFORM_OWN_JOBDIR")
    return Path(own) if own and settings.get("JOBDIR") == own else None


def warc_folder(settings: Any) -> Path:
    """Where the run writes its WARC files (after `derive_run_settings`)."""
    return Path(settings["ARCHIVE_DIR"])


def _warcinfo(profile: SiteProfile, crawl_id: str, settings: Any) -> dict[str, str]:
    return {
        "software": software(),
        "crawl-id": crawl_id,
        "site": profile.name,
        "isPartOf": crawl_id,
        "http-header-user-agent": settings.get("USER_AGENT"),
        "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        "longform-profile": profile_to_json(profile),
    }
