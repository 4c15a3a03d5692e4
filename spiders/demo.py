"""`longform demo`: serve the bundled recording of a real WordPress site on 127.0.0.1 and crawl it
like any site (spiders/recorded_site)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from scrapers.profile import SiteProfile
from spiders.crawl_command import crawl_profile
from spiders.crawl_log import CrawlOutput
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


DEMO_PORT = 8079
"""The demo site's port when it is free. Record ids derive from URLs, port included: on the same
port a second demo finds its records already written and appends none."""


def run_demo(out: Path) -> int:
    """Serve, crawl into OUT/demo/, print the summary; the exit status."""
    with _serve_demo_site() as base_url:
        print(f"Serving a recording of a real WordPress site at {base_url}; "
              f"crawling it into {out / DEMO_SITE}/")
        # Every demo is a full crawl: the state database is for scheduled crawls of real sites.
        return crawl_profile(demo_profile(base_url), out, settings={"LONGFORM_STATE": False},
                             output=CrawlOutput(progress=sys.stderr.isatty()))


@contextmanager
def _serve_demo_site() -> Iterator[str]:
    """The recording on DEMO_PORT, or on a free port when that one is taken (the records then
    differ from earlier demos', their URLs naming another port)."""
    with ExitStack() as stack:
        try:
            base_url = stack.enter_context(serve_recorded_site(port=DEMO_PORT))
        except OSError:
            base_url = stack.enter_context(serve_recorded_site())
        yield base_url
