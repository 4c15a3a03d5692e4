"""Scrapy downloader middleware: ride out the site being down with a site-wide back-off.

Without it, Scrapy's RetryMiddleware spends a request's two retries within seconds of an outage
and drops the page. With it (order 560, so it sees answers and errors before RetryMiddleware at
550), once `spiders.outage_policy` says the site is down, the failed request goes back to the
scheduler without using up a retry and every request waits in `process_request` until the pause
is over; the first answer that is not a failure ends the outage. A site that has not served a page
in this run is not waited for (a wrong address fails fast). When the outage lasts too long
the spider is closed with the reason `site_outage` (exit status 1) and the stats name the URLs
that were scheduled but never fetched (`outage/not_fetched`, in the crawl report).

Settings (a profile's `[outage]` table overrides them, `-s` on the command line overrides that):
    LONGFORM_OUTAGE_ENABLED (bool, default True)
    LONGFORM_OUTAGE_THRESHOLD (int, default 3): failures in a row that mean the site is down
    LONGFORM_OUTAGE_BACKOFF_START (float, default 5 s), LONGFORM_OUTAGE_BACKOFF_MAX (default 120 s)
    LONGFORM_OUTAGE_MAX_DURATION (float, default 1800 s): give up after the site was down this long
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs
from scrapy import signals
from scrapy.exceptions import (
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    NotConfigured,
)
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import error as net
from twisted.internet import reactor, task
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from scrapers.profile import Outage
from spiders.outage_policy import OutagePolicy, retry_after_seconds

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response

logger = logging.getLogger(__name__)

OUTAGE_REASON = "site_outage"
OUTAGE_STATUSES = (429, 502, 503, 504)
OUTAGE_ERRORS = (DownloadConnectionRefusedError, DownloadTimeoutError, DownloadFailedError,
                 # what Twisted raises where Scrapy does not wrap it
                 net.ConnectError, net.TimeoutError, net.ConnectionLost, net.ConnectionDone,
                 ResponseNeverReceived, ResponseFailed, TimeoutError)
NOT_FETCHED_STAT = "outage/not_fetched"
_POLL = 0.5  # a waiting request looks this often whether the crawl is stopping
_KEYS = {"threshold": "THRESHOLD", "backoff_start": "BACKOFF_START", "backoff_max": "BACKOFF_MAX",
         "max_duration": "MAX_DURATION"}


class OutageMiddleware:
    """Pauses the whole crawl while the site is down; gives up after the longest outage allowed."""

    def __init__(self, crawler: Crawler, limits: Outage) -> None:
        self.crawler = crawler
        self.policy = OutagePolicy(limits)
        self.stopping = False
        self.pending: Counter[str] = Counter()
        """URLs scheduled and not yet answered (what an outage stop leaves unfetched)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OutageMiddleware:
        if not crawler.settings.getbool("LONGFORM_OUTAGE_ENABLED", True):
            raise NotConfigured("LONGFORM_OUTAGE_ENABLED is off")
        middleware = cls(crawler, _limits(crawler))
        crawler.signals.connect(middleware.scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(middleware.dropped, signal=signals.request_dropped)
        crawler.signals.connect(middleware.received, signal=signals.response_received)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    async def process_request(self, request: Request) -> None:
        while (wait := self.policy.wait(time.monotonic())) > 0 and not self._stopping():
            await maybe_deferred_to_future(task.deferLater(reactor, min(wait, _POLL)))
        if self._stopping():  # given up, or Ctrl-C / SIGTERM during a pause: no waiting it out
            raise IgnoreRequest("the site is down; the crawl is stopping")

    def _stopping(self) -> bool:
        return self.stopping or (not self.crawler.crawling and self.policy.wait(time.monotonic()) > 0)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in OUTAGE_STATUSES:
            # robots.txt answering does not show the site is up (a maintenance page may not cover it)
            self._succeeded(page=not request.url.endswith("/robots.txt"))
            return response
        header = response.headers.get("Retry-After")
        retry_after = retry_after_seconds(header.decode("latin-1") if header else None, time.time())
        return self._failed(request, f"HTTP {response.status}", retry_after) or response

    def process_exception(self, request: Request, exception: Exception) -> Request | None:
        if not isinstance(exception, OUTAGE_ERRORS):
            return None
        return self._failed(request, type(exception).__name__, None)

    def _failed(self, request: Request, what: str, retry_after: float | None) -> Request | None:
        pauses = self.policy.pauses
        decision = self.policy.failure(time.monotonic(), retry_after)
        if decision is None:
            return None  # RetryMiddleware's turn
        self._inc("outage/failures")
        if decision.give_up:
            self._give_up(what)
            raise IgnoreRequest("the site is down")
        if self.policy.pauses > pauses:  # a new pause, not a request caught by the current one
            logger.warning("The site looks down (%s, %d failures in a row): pausing the crawl %.1f s",
                           what, self.policy.failures, decision.pause)
        self._inc("outage/requeued")
        # dont_filter: the scheduler saw this URL; the retry is the same page, not a duplicate.
        return request.replace(dont_filter=True, priority=request.priority + 1)

    def _succeeded(self, page: bool) -> None:
        duration = self.policy.success(time.monotonic(), page)
        if duration is not None:
            logger.warning("The site answers again after %.1f s down; the crawl goes on", duration)
            self._inc("outage/count")
            stats = self.crawler.stats
            if stats is not None:
                stats.max_value("outage/longest_seconds", round(duration, 3))
                total = float(stats.get_value("outage/total_seconds", 0.0)) + duration
                stats.set_value("outage/total_seconds", round(total, 3))

    def _give_up(self, what: str) -> None:
        if self.stopping:
            return
        self.stopping = True
        down = time.monotonic() - (self.policy.down_since or time.monotonic())
        logger.error("The site has been down for %.1f s (last: %s), longer than the %.0f s allowed "
                     "([outage] max_duration): stopping the crawl", down, what,
                     self.policy.limits.max_duration)
        if self.crawler.stats is not None:
            self.crawler.stats.set_value("outage/gave_up_after_seconds", round(down, 3))
        if self.crawler.engine is not None and self.crawler.engine.spider is not None:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=OUTAGE_REASON))

    def scheduled(self, request: Request) -> None:
        self.pending[request.url] += 1

    def dropped(self, request: Request) -> None:
        self.pending[request.url] -= 1
        if self.pending[request.url] <= 0:
            del self.pending[request.url]

    def received(self, response: Response, request: Request) -> None:
        if response.status not in OUTAGE_STATUSES:
            self.pending.pop(request.url, None)

    def spider_closed(self, reason: str) -> None:
        if reason == OUTAGE_REASON and self.crawler.stats is not None:
            self.crawler.stats.set_value(NOT_FETCHED_STAT, sorted(self.pending))

    def _inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)


def _limits(crawler: Crawler) -> Outage:
    """The settings, overridden by the profile's `[outage]`, overridden by command-line settings."""
    settings = crawler.settings
    profile_limits: Outage | None = getattr(getattr(crawler.spidercls, "profile", None), "outage", None)
    defaults, values = Outage(), dict[str, Any]()
    for field, key in _KEYS.items():
        name = f"LONGFORM_OUTAGE_{key}"
        value: Any = settings.getfloat(name, getattr(defaults, field))
        from_profile = getattr(profile_limits, field, None) if profile_limits else None
        if from_profile is not None and from_profile != getattr(defaults, field) and (
                settings.getpriority(name) or 0) < 40:  # 40: 'cmdline'
            value = from_profile
        values[field] = int(value) if field == "threshold" else float(value)
    return attrs.evolve(defaults, **values)
