"""Scrapy extension: the one progress line of `longform crawl` on a terminal.

Pages fetched, articles and comments appended, errors logged, pages per second, and an ETA once
discovery knows the total: when no discovery request (home page, sitemaps, feeds, listings, the
REST posts listing) is waiting or in flight, every article the crawl will fetch is queued, and the
time left is the queued and in-flight requests at the rate so far (comment pages found on the way
add to it). Drawn by `spiders.progress.ProgressLine`, the line replay and verify draw.

Settings:
    LONGFORM_PROGRESS (bool, default False): `longform crawl` turns it on when stderr is a
        terminal and --quiet is not given
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from spiders.progress import INTERVAL, ProgressLine, eta_text

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request

DISCOVERY_CALLBACKS = frozenset({"parse_home", "parse_sitemap", "parse_feed", "parse_listing",
                                 "parse_comments_feed", "parse_edited_posts", "parse_rest_posts"})
"""Callbacks of the site spider that find articles (`spiders.site_spider`, its mixins)."""


def crawl_text(site: str, stats: dict[str, Any], elapsed: float, waiting: int | None) -> str:
    """The progress line; `waiting`: requests queued or in flight, None while discovery runs.

    >>> stats = {"downloader/response_count": 40, "dataset/articles": 3, "dataset/comments": 25}
    >>> crawl_text("lwj", stats, 20.0, None)
    'crawling lwj: 40 pages, 3 articles, 25 comments, 0 errors, 2.0 pages/s, ETA --'
    >>> crawl_text("lwj", stats, 20.0, 10)
    'crawling lwj: 40 pages, 3 articles, 25 comments, 0 errors, 2.0 pages/s, ETA 5s'
    """
    pages = int(stats.get("downloader/response_count", 0))
    rate = pages / elapsed if elapsed > 0 else 0.0
    eta = eta_text(pages, pages + waiting, elapsed) if waiting is not None else "--"
    return (f"crawling {site}: {pages:,} pages, {stats.get('dataset/articles', 0):,} articles, "
            f"{stats.get('dataset/comments', 0):,} comments, "
            f"{stats.get('log_count/ERROR', 0):,} errors, {rate:,.1f} pages/s, ETA {eta}")


class CrawlProgress:
    """Redraws the line while the spider runs; counts the discovery requests not yet answered."""

    def __init__(self, crawler: Crawler, line: ProgressLine) -> None:
        self.crawler = crawler
        self.line = line
        self.discovering = 0
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        if not crawler.settings.getbool("LONGFORM_PROGRESS"):
            raise NotConfigured  # bare: Scrapy logs a reason given at WARNING
        progress = cls(crawler, ProgressLine("crawling", 0, sys.stderr))
        connect = crawler.signals.connect
        connect(progress.spider_opened, signal=signals.spider_opened)
        connect(progress.spider_closed, signal=signals.spider_closed)
        connect(progress.scheduled, signal=signals.request_scheduled)
        connect(progress.gone, signal=signals.request_dropped)
        connect(progress.gone, signal=signals.request_left_downloader)
        return progress

    def spider_opened(self) -> None:
        self.task = create_looping_call(self.draw)
        self.task.start(INTERVAL, now=True)

    def spider_closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        self.line.close()

    def scheduled(self, request: Request, **_: Any) -> None:
        if _is_discovery(request):
            self.discovering += 1

    def gone(self, request: Request, **_: Any) -> None:
        """Left the downloader (answered or failed; a retry is scheduled again) or dropped."""
        if _is_discovery(request):
            self.discovering = max(0, self.discovering - 1)

    def draw(self) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        spider = self.crawler.spider
        site = spider.name if spider is not None else ""
        self.line.show(crawl_text(site, stats, self.line.elapsed, self._waiting(stats)))

    def _waiting(self, stats: dict[str, Any]) -> int | None:
        if self.discovering:
            return None
        queued = int(stats.get("scheduler/enqueued", 0)) - int(stats.get("scheduler/dequeued", 0))
        engine = self.crawler.engine if self.crawler.crawling else None
        active = len(engine.downloader.active) if engine is not None else 0
        return max(0, queued) + active


def _is_discovery(request: Request) -> bool:
    return getattr(request.callback, "__name__", "") in DISCOVERY_CALLBACKS
