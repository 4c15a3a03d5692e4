"""`longform crawl SITE`: resolve the profile, lock the site, crawl, report what was written."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from archive.disk_guard import DISK_FULL_STAT
from archive.state import STATE_FILE
from archive.state_check import StateDamaged, ensure_sound
from scrapers.profile import SiteProfile
from spiders import sites
from spiders.crawl_report import build_report, exit_status_of, fetch_failure, summary, write_report
from spiders.errors import EXIT_FAILED, EXIT_TEMPFAIL, EXIT_USAGE, UsageError
from spiders.loader import spider_class
from spiders.run import CrawlResult, crawl_settings, is_not_wordpress, run_crawl
from spiders.site_lock import SiteBusy, site_lock
from spiders.state_rebuild import has_archive


def crawl_site(
    site: str, out: Path, max_articles: int | None, since: str | None, full: bool = False
) -> int:
    """Crawl `site` (name, profile file or URL) into OUT/<site>/; the process exit status."""
    try:
        profile = sites.resolve(site)
    except sites.ProfileError as error:
        raise UsageError(str(error)) from None
    settings = {"LONGFORM_FULL": True} if full else None
    return crawl_profile(profile, out, settings, max_articles=max_articles, since=since)


def crawl_profile(
    profile: SiteProfile, out: Path, settings: dict[str, Any] | None = None, **spider_args: Any
) -> int:
    """Crawl one profile, print the summary, write the report; 0 ok, 1 failed or the state is
    damaged (nothing crawled), 2 not a WordPress site, 75 another crawl of the site is running
    (nothing touched)."""
    try:
        with site_lock(out / profile.name):
            return _crawl_locked(profile, out, settings, spider_args)
    except SiteBusy as busy:
        print(f"longform: {busy}", file=sys.stderr)
        return EXIT_TEMPFAIL


def _crawl_locked(
    profile: SiteProfile, out: Path, settings: dict[str, Any] | None, spider_args: dict[str, Any]
) -> int:
    args = {k: v for k, v in spider_args.items() if v is not None}
    if not state_is_sound(out / profile.name, settings):
        return EXIT_FAILED
    result = run_crawl(spider_class(profile), crawl_settings(out, settings), **args)
    # A site that answers but is not WordPress is bad input; one that does not answer is a failure.
    not_wordpress = is_not_wordpress(result) and fetch_failure(result.stats) is None
    status = EXIT_USAGE if not_wordpress else exit_status_of(result.stats)
    if not_wordpress:
        print(
            f"longform: error: {profile.base_url} does not look like a WordPress site; "
            "give a profile with platform = \"generic\" or check the URL",
            file=sys.stderr,
        )
    else:
        print(result.summary())
    if result.stats.get(DISK_FULL_STAT):
        print(f"longform: error: {result.stats[DISK_FULL_STAT]}", file=sys.stderr)
    _report(result, profile.name, status)
    return status


def state_is_sound(folder: Path, settings: dict[str, Any] | None) -> bool:
    """False (and the line saying how to fix it printed) when the site's state is damaged or lost:
    a crawl on a half-trusted state would skip what it believes archived."""
    if settings and settings.get("LONGFORM_STATE") is False:
        return True
    try:
        ensure_sound(folder / STATE_FILE, has_archive(folder), folder,
                     full=bool(settings and settings.get("LONGFORM_FULL")))
    except StateDamaged as damaged:
        print(f"longform: error: {damaged}", file=sys.stderr)
        return False
    return True


def _report(result: CrawlResult, site: str, status: int) -> None:
    report = build_report(result.stats, site, result.crawl_id, result.site_folder,
                          result.warc_files, status)
    try:
        path = write_report(report, result.site_folder)
    except OSError as error:  # a full disk: the run's outcome is said above, the report is lost
        print(f"longform: error: cannot write the crawl report in {result.site_folder}: "
              f"{error.strerror}", file=sys.stderr)
        return
    print(summary(report, path))
