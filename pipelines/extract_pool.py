"""Worker processes that extract article pages while the crawl's own process keeps fetching.

Scrapy runs everything on one core: the reactor, the WARC, and (before this) parsing, extraction
and normalization, most of a page's CPU. `ExtractPool` (a Scrapy extension) sends each archived
article response to a process pool (`pipelines.extract_job`) and hands the spider's callback the
page and its prepared records; the crawl's process keeps fetching, scheduling, de-duplication and
the appends (`pipelines.scrapy_pipeline`). Bounded: at most `2 x workers` pages are out at a time
(Scrapy itself stops fetching once 5 MB of responses wait for their callbacks).

A worker that dies breaks the pool: the page it had, and every page queued, is extracted in this
process instead, and a new pool started (`extract_pool/worker_lost`); after three such losses the
crawl goes on without workers. A page whose extraction raises raises in the callback, as without
workers (Scrapy counts it; the page is not marked fetched, so the next run fetches it again).

Stats (the crawl report's `extraction`): `extract_pool/workers`, `extract_pool/pages` (extracted
by a worker), `extract_pool/extracted_in_process` (handed to the pool, extracted here),
`extract_pool/worker_lost` and `extract_pool/restarts`.

Settings:
    LONGFORM_EXTRACT_WORKERS (int, default: one per core): worker processes; 0 = extract in the
        crawl's process, as before.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from scrapy import signals

from archive.site_folder import crawl_site_folder
from archive.writer import RecordLocation
from pipelines.extract_job import Extracted, ExtractJob, extract, ping, start_worker
from pipelines.prepared import PreparedRecord
from scrapers.items import Article, Comment
from scrapers.profile import SiteProfile

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

MAX_LOSSES = 3
"""Pools lost (a worker killed) before the crawl extracts in its own process for good."""
PAGES_PER_WORKER = 2
"""Pages out to the pool per worker: one being extracted, one waiting, no bodies piling up."""


class ExtractPool:
    """Scrapy extension owning the extraction workers of one crawl."""

    def __init__(self, crawler: Crawler, workers: int) -> None:
        self.crawler = crawler
        self.workers = workers
        self.folder = ""
        self.losses = 0
        self._executor: ProcessPoolExecutor | None = None
        self._slots: asyncio.Semaphore | None = None
        self._last: asyncio.Future[None] | None = None
        """Set once the page handed to `extract` last is handed back (or failed)."""
        self._prepared: dict[int, tuple[Article | Comment, PreparedRecord]] = {}
        self._trigger: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPool:
        workers = crawler.settings.getint("LONGFORM_EXTRACT_WORKERS", -1)
        pool = cls(crawler, workers if workers >= 0 else os.cpu_count() or 1)
        crawler.signals.connect(pool.open, signal=signals.spider_opened)
        crawler.signals.connect(pool.close, signal=signals.spider_closed)
        return pool

    @staticmethod
    def of(crawler: Crawler) -> ExtractPool | None:
        """The crawl's pool when it has one running (None: extract in process)."""
        pool = crawler.get_extension(ExtractPool)
        return pool if pool is not None and pool.active else None

    @property
    def active(self) -> bool:
        return self._executor is not None

    def open(self) -> None:
        spider = self.crawler.spider
        if self.workers == 0 or spider is None:
            return
        self.start(str(crawl_site_folder(self.crawler.settings, spider.name)))
        if self.crawler.stats is not None:  # for the crawl report
            self.crawler.stats.set_value("extract_pool/workers", self.workers)
        # A second Ctrl-C stops the reactor without closing the spider: the workers go too.
        self._trigger = _reactor().addSystemEventTrigger("before", "shutdown", self._stop, False)

    def close(self) -> None:
        self._prepared.clear()
        if self._trigger is not None:
            _reactor().removeSystemEventTrigger(self._trigger)
            self._trigger = None
        self._stop(True)

    def job(self, url: str, status: int, headers: tuple[tuple[str, str], ...], body: bytes,
            location: RecordLocation, profile: SiteProfile, crawl_id: str) -> ExtractJob:
        return ExtractJob(url, status, headers, body, location, profile, crawl_id, self.folder)

    async def extract(self, job: ExtractJob) -> Extracted:
        """The page of `job`, extracted by a worker (or here, when the pool broke); handed back
        in the order the pages came, so the files get records in that order, as without workers."""
        before, mine = self._last, asyncio.get_running_loop().create_future()
        self._last = mine  # taken first, before any wait: the order of arrival
        try:
            extracted = await self._extract(job)
            if before is not None:
                await asyncio.shield(before)  # the page before this one is out
            return extracted
        finally:
            if not mine.done():
                mine.set_result(None)

    async def _extract(self, job: ExtractJob) -> Extracted:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.workers * PAGES_PER_WORKER)
        async with self._slots:
            executor = self._executor
            if executor is None:  # closed meanwhile, or given up on
                self._count("extract_pool/extracted_in_process")
                return extract(job)
            try:
                future: Future[Extracted] = executor.submit(extract, job)
                extracted = await asyncio.wrap_future(future)
                self._count("extract_pool/pages")
                return extracted
            except BrokenProcessPool:
                self._lost(executor)
                self._count("extract_pool/extracted_in_process")
                return extract(job)  # here: the page is not lost with its worker

    def remember(self, items: list[Article | Comment], records: list[PreparedRecord]) -> None:
        """Items the spider yields with their prepared records (the pipeline takes them back)."""
        for item, record in zip(items, records, strict=False):
            self._prepared[id(item)] = (item, record)

    def prepared(self, item: Article | Comment) -> PreparedRecord | None:
        """The record prepared for `item` by a worker, once; None when it has none."""
        entry = self._prepared.pop(id(item), None)
        # The entry holds its item, so no other object can have its id meanwhile.
        return entry[1] if entry is not None and entry[0] is item else None

    def start(self, folder: str) -> None:
        """Start the workers for a dataset in `folder` (spider_opened does, with the site's)."""
        self.folder = folder
        self._start()

    def _start(self) -> None:
        # spawn, not fork (the reactor's process has threads) nor forkserver: the workers are
        # this process's own children, joined at shutdown, so its wait4 counts their CPU too.
        context = multiprocessing.get_context("spawn")
        self._executor = ProcessPoolExecutor(self.workers, mp_context=context,
                                             initializer=start_worker, initargs=(os.getpid(),))
        self._executor.submit(ping)  # start the workers now, while discovery runs

    def _lost(self, executor: ProcessPoolExecutor) -> None:
        if executor is not self._executor:
            return  # another page of the same broken pool got here first
        self.losses += 1
        self._count("extract_pool/worker_lost")
        executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None
        if self.losses < MAX_LOSSES:
            logger.warning("An extraction worker died; its pages are extracted here, and a new "
                           "pool started")
            self._count("extract_pool/restarts")
            self._start()
        else:
            logger.warning("Extraction workers died %d times; extracting in this process from "
                           "now on", self.losses)

    def _stop(self, wait: bool) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=wait, cancel_futures=True)

    def _count(self, name: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(name)


def _reactor() -> Any:
    """The running reactor (imported late: importing it installs one when none is)."""
    from twisted.internet import reactor

    return reactor
