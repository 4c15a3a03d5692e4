"""`longform crawl SITE`: resolve the profile, crawl, print what was written."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from scrapers.profile import SiteProfile
from spiders import sites
from spiders.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError
from spiders.loader import spider_class
from spiders.run import crawl_settings, is_not_wordpress, run_crawl


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
    """Crawl one profile and print the summary; 0 ok, 1 failed, 2 not a WordPress site."""
    args = {k: v for k, v in spider_args.items() if v is not None}
    result = run_crawl(spider_class(profile), crawl_settings(out, settings), **args)
    if is_not_wordpress(result):
        print(
            f"longform: error: {profile.base_url} does not look like a WordPress site; "
            "give a profile with platform = \"generic\" or check the URL",
            file=sys.stderr,
        )
        return EXIT_USAGE
    print(result.summary())
    return EXIT_OK if result.ok else EXIT_FAILED
