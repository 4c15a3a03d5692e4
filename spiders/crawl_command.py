"""`longform crawl SITE`: resolve the profile, build the crawler, run it, print the summary.

The run itself (lock, state check, report, exit status) is `spiders.run_lifecycle`'s, the same
for `scrapy crawl SITE`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from archive.disk_guard import DISK_FULL_STAT
from scrapers.profile import SiteProfile
from spiders import sites
from spiders.crawl_report import summary
from spiders.errors import EXIT_FAILED, UsageError
from spiders.loader import spider_class
from spiders.run import crawl_settings, run_crawl
from spiders.run_lifecycle import RunRefused


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
    """Crawl one profile, print the summary; 0 ok, 1 failed or the state is damaged (nothing
    crawled), 2 not a WordPress site, 75 another crawl of the site is running (nothing touched)."""
    args = {k: v for k, v in spider_args.items() if v is not None}
    try:
        result = run_crawl(spider_class(profile), crawl_settings(out, settings), **args)
    except RunRefused as refused:
        print(f"longform: {refused.message}", file=sys.stderr)
        return refused.status
    outcome = result.outcome
    if outcome is None:  # LONGFORM_RUN_ENABLED off: no run owner, no report
        return 0 if result.ok else EXIT_FAILED
    if outcome.not_wordpress:
        print(
            f"longform: error: {profile.base_url} does not look like a WordPress site; "
            "give a profile with platform = \"generic\" or check the URL",
            file=sys.stderr,
        )
    else:
        print(result.summary())
    if result.stats.get(DISK_FULL_STAT):
        print(f"longform: error: {result.stats[DISK_FULL_STAT]}", file=sys.stderr)
    if outcome.report_error:
        print(f"longform: error: {outcome.report_error}", file=sys.stderr)
    elif outcome.report_path is not None:
        print(summary(outcome.report, outcome.report_path))
    return outcome.status
