"""`longform demo`: serve the bundled recording of a real WordPress site on 127.0.0.1 and crawl it
like any site (spiders/recorded_site)."""

from __future__ import annotations

from pathlib import Path

from scrapers.profile import SiteProfile
from spiders.crawl_command import crawl_profile
from spiders.recorded_site import serve_recorded_site

DEMO_SITE = "demo"


def demo_profile(base_url: str) -> SiteProfile:
    """The demo site's profile: the same spider a real site gets, minus the politeness delay
    (the server is ours, on loopback)."""
    return SiteProfile(
        name=DEMO_SITE,
        base_url=base_url,
        platform="wordpress",
        timezone="America/New_York",
        autothrottle=False,
        download_delay=0.0,
        concurrency=8,
    )


def run_demo(out: Path) -> int:
    """Serve, crawl into OUT/demo/, print the summary; the exit status."""
    with serve_recorded_site() as base_url:
        print(f"Serving a recording of a real WordPress site at {base_url}; "
              f"crawling it into {out / DEMO_SITE}/")
        return crawl_profile(demo_profile(base_url), out, settings={
            "LOG_LEVEL": "WARNING",
            # Served on a new port each time: state from one demo could never match the next.
            "LONGFORM_STATE": False,
        })
