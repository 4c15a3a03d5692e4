"""`longform demo`: serve the bundled recording of a real WordPress site on 127.0.0.1 and crawl it
like any site (spiders/recorded_site)."""

from __future__ import annotations

import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from scrapers.profile import SiteProfile
from spiders.crawl_command import crawl_profile
from spiders.crawl_log import CrawlOutput
from spiders.errors import UsageError
from spiders.recorded_site import serve_recorded_site
from spiders.stopping import Stopped, sigterm_stops

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


def run_demo(out: Path, keep_serving: bool = False, port: int | None = None) -> int:
    """Serve (on `port`, else DEMO_PORT or a free one), crawl into OUT/demo/, print the summary;
    with `keep_serving`, go on serving the site until Ctrl-C or SIGTERM for the user to practise
    on. The crawl's exit status."""
    with _serve_demo_site(port) as base_url:
        print(f"Serving a recording of a real WordPress site at {base_url}; "
              f"crawling it into {out / DEMO_SITE}/")
        # Every demo is a full crawl: the state database is for scheduled crawls of real sites.
        status = crawl_profile(demo_profile(base_url), out, settings={"LONGFORM_STATE": False},
                               output=CrawlOutput(progress=sys.stderr.isatty()))
        if keep_serving:
            _serve_until_stopped(base_url, out)
        return status


def _serve_until_stopped(base_url: str, out: Path) -> None:
    command = _command_name()
    # Ctrl-C and SIGTERM are ours before the URL is printed: a user (or script) acting on the line
    # at once would otherwise meet the crawl's leftover Scrapy handler, which swallows the signal.
    with sigterm_stops():
        try:
            print(f"\nThe recorded site stays up at {base_url} until Ctrl-C. Try, in another "
                  f"terminal:\n  {command} probe {base_url} --write-profile practice.toml\n"
                  f"  {command} crawl practice.toml --out {out}\n"
                  f"  {command} serve {out / DEMO_SITE}   (needs `make pywb`)", flush=True)
            stop = threading.Event()  # the server runs in its own thread
            while not stop.wait(0.5):
                pass  # a bounded wait: a signal landing just before a blocking wait is seen anyway
        except (KeyboardInterrupt, Stopped):
            print("Stopped serving the recorded site.", flush=True)


def _command_name() -> str:
    """`longform` when that is on PATH, else the path this one was started by (`.venv/bin/longform`
    after `make demo`), so the printed commands work as typed."""
    started = Path(sys.argv[0])
    if shutil.which("longform") or started.name != "longform":
        return "longform"
    return os.path.relpath(started) if started.is_absolute() else str(started)


@contextmanager
def _serve_demo_site(port: int | None) -> Iterator[str]:
    """The recording on `port` (an OSError when taken), else on DEMO_PORT, or on a free port when
    that one is taken (the records then differ from earlier demos', their URLs naming another
    port)."""
    with ExitStack() as stack:
        if port is not None:
            try:
                base_url = stack.enter_context(serve_recorded_site(port=port))
            except OSError as error:
                raise UsageError(f"cannot serve the demo on port {port} ({error.strerror}); "
                                 "give another --port, or 0 for a free one") from None
            yield base_url
            return
        try:
            base_url = stack.enter_context(serve_recorded_site(port=DEMO_PORT))
        except OSError:
            base_url = stack.enter_context(serve_recorded_site())
        yield base_url
