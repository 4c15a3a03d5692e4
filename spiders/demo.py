"""`longform demo`: serve the bundled sample site on 127.0.0.1 and crawl it like any site."""

from __future__ import annotations

from pathlib import Path

from scrapers.profile import SiteProfile
from spiders.crawl_command import crawl_profile
from spiders.sample_site import serve_sample_site

DEMO_SITE = "demo"


def demo_profile(base_url: str) -> SiteProfile:
    """The sample site's profile: the same spider a real site gets, minus the politeness delay
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
    with serve_sample_site() as base_url:
        print(f"Serving the sample site at {base_url}; crawling it into {out / DEMO_SITE}/")
        return crawl_profile(demo_profile(base_url), out, settings={"LOG_LEVEL": "WARNING"})
