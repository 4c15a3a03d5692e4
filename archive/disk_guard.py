"""Scrapy extension that stops a crawl whose disk is full, instead of fetching pages it cannot store.

Scrapy swallows exceptions raised in middlewares and pipelines (it logs them and goes on), so the
components that write (WARC middleware, dataset pipeline) catch `DiskFull` themselves and call
`report_disk_full`: it logs one line, puts the message in the stats (`longform/disk_full`, which
`longform crawl` and `scrapy crawl` print, exit status 1) and closes the spider with the reason
`disk_full`. From then on every writer refuses to write (`disk_is_full`).

The extension holds a small reserve file in the site folder for the whole run and deletes it when
the disk fills: the space the run then needs to put its state in order (forget the pages whose
records were not written, close the run) and to write its report. No room for the reserve at the
start means the disk is already full: the crawl stops before its first request.

Settings:
    LONGFORM_DISK_RESERVE (int, default 1 MiB): bytes kept aside; 0 turns the reserve off
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro

from archive.disk_space import DEFAULT_RESERVE, DiskFull, SpaceReserve
from archive.site_folder import crawl_site_folder

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

DISK_FULL_STAT = "longform/disk_full"
DISK_FULL_REASON = "disk_full"
RESERVE_FILE = ".space-reserve"
disk_full = object()
"""Signal sent once, with `error`, when a writer found the disk full."""


def disk_is_full(crawler: Crawler) -> bool:
    """True once a writer of this crawl found the disk full."""
    return bool(crawler.stats and crawler.stats.get_value(DISK_FULL_STAT))


def report_disk_full(crawler: Crawler, error: DiskFull) -> None:
    """Log `error` once, remember it in the stats and close the spider (reason `disk_full`)."""
    if disk_is_full(crawler):
        return
    if crawler.stats is not None:
        crawler.stats.set_value(DISK_FULL_STAT, str(error))
    logger.error("Disk full, stopping the crawl: %s", error)
    crawler.signals.send_catch_log(disk_full, error=error)
    if crawler.engine is not None and crawler.engine.spider is not None:
        deferred_from_coro(crawler.engine.close_spider_async(reason=DISK_FULL_REASON))


class DiskFullGuard:
    """Holds the space reserve of the run; gives it back when the disk fills or the run ends."""

    def __init__(self, crawler: Crawler, size: int) -> None:
        self.crawler = crawler
        self.size = size
        self.reserve: SpaceReserve | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DiskFullGuard:
        guard = cls(crawler, crawler.settings.getint("LONGFORM_DISK_RESERVE", DEFAULT_RESERVE))
        crawler.signals.connect(guard.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(guard.release, signal=signals.spider_closed)
        crawler.signals.connect(guard.release, signal=disk_full)
        return guard

    def spider_opened(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        folder = crawl_site_folder(self.crawler.settings, spider.name)
        self.reserve = SpaceReserve(folder / RESERVE_FILE, self.size)
        try:
            self.reserve.hold()
        except DiskFull as error:
            report_disk_full(self.crawler, error)

    def release(self) -> None:
        if self.reserve is not None:
            self.reserve.release()
