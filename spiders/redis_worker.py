"""One worker of a crawl shared through Redis (`longform crawl SITE --redis URL`).

Built by the run (`spiders.run_lifecycle`) when `LONGFORM_REDIS_URL` is set: it joins the site's
crawl (`spiders.redis_crawl`), holds this worker's slot, points Scrapy at the leased frontier
(`spiders.redis_frontier`) and renews the leases it holds while it works. Shared in Redis: frontier,
duplicate filter, leases, crawl id, record hashes, claimed comment pages, politeness, and what an
incremental rerun decides with (article schedule, captures, the last finished crawl's start; each
also copied into the worker's own state). Per worker:
WARC files (`<site>-<worker>-...warc.gz`), JSONL parts (`articles.<worker>.jsonl`), state
(`state.<worker>.sqlite`), log. A worker whose queue is empty stays while any other worker holds a
lease: that request may yet lead to more pages, or come back on the queue when its worker dies.

Settings:
    LONGFORM_REDIS_URL (str): redis://HOST:PORT/DB; unset, the crawl runs on its own as before
    LONGFORM_WORKER_ID (str, default <host>-<n>): this worker's name in file names and in Redis
    LONGFORM_LEASE_SECONDS (float, default 30): how long a killed worker's requests wait
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from twisted.internet import task

from pipelines import redis_ledger
from spiders import redis_captures, redis_schedule
from spiders.leases import Leases
from spiders.redis_crawl import connect, finish_crawl, join_crawl
from spiders.redis_keys import CrawlKeys, SiteKeys

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

LEASE_META = "longform_lease"
WAKE_SECONDS = 0.5
_CRAWLER_ATTRIBUTE = "longform_redis_worker"


class RedisWorker:
    """This process's part in a shared crawl: connection, ids, leases held."""

    def __init__(self, crawler: Crawler, client: Any, site: str, crawl_id: str, created: bool) -> None:
        self.crawler, self.client = crawler, client
        self.site_keys = SiteKeys(site)
        self.crawl_id, self.created = crawl_id, created
        self.crawl_keys: CrawlKeys = self.site_keys.crawl(crawl_id)
        ttl = crawler.settings.getfloat("LONGFORM_LEASE_SECONDS", 30.0)
        self.leases = Leases(client, self.crawl_keys, ttl)
        self.worker_id = ""
        self.held: set[str] = set()
        """Lease ids of the requests this worker has in flight."""
        self.items: dict[str, int] = {}
        """Lease id -> records its page gave that the item pipeline is not through with."""
        self.drained: set[str] = set()
        """Lease ids whose callback output is drained."""
        self._renewal: task.LoopingCall | None = None
        self.renewers: list[Any] = []
        """More to renew with the leases (the politeness tokens this worker holds)."""
        self._waking: task.LoopingCall | None = None

    @classmethod
    def join(cls, crawler: Crawler, site: str, new_id: str) -> RedisWorker:
        """Connect and join the site's running crawl, or start it with `new_id`
        (raises `spiders.redis_crawl.RedisUnavailable`)."""
        client = connect(crawler.settings["LONGFORM_REDIS_URL"])
        crawl_id, created = join_crawl(client, SiteKeys(site), new_id, _now())
        worker = cls(crawler, client, site, crawl_id, created)
        setattr(crawler, _CRAWLER_ATTRIBUTE, worker)
        return worker

    @staticmethod
    def of(crawler: Crawler) -> RedisWorker | None:
        worker = getattr(crawler, _CRAWLER_ATTRIBUTE, None)
        return worker if isinstance(worker, RedisWorker) else None

    def configure(self, worker_id: str) -> None:
        """Name this worker's files, use the shared frontier and ledger (before the engine)."""
        self.worker_id = worker_id
        settings = self.crawler.settings
        settings.set("LONGFORM_WORKER_ID", worker_id, priority="spider")
        settings.set("ARCHIVE_PREFIX", f"{settings['ARCHIVE_PREFIX']}-{worker_id}", priority="spider")
        settings.set("LONGFORM_JSONL_PART", worker_id, priority="spider")
        settings.set("SCHEDULER", "spiders.redis_frontier.LeasedScheduler", priority="spider")
        settings["DOWNLOADER_MIDDLEWARES"].set("spiders.lease_release.LeaseReleaseDownloader", 50)
        settings["SPIDER_MIDDLEWARES"].set("spiders.lease_release.LeaseReleaseSpider", 0)
        # Politeness is the site's, across workers (`spiders.redis_politeness`), not per process.
        settings.set("LONGFORM_GLOBAL_DELAY", settings.getfloat("DOWNLOAD_DELAY"), priority="cmdline")
        settings.set("LONGFORM_GLOBAL_CONCURRENCY", settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
                     priority="cmdline")
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
        # Extraction in this process: with the extraction pool (`pipelines.extract_pool`) the
        # SIGKILL test lost requests and hung a worker; leases and the pool do not agree yet.
        settings.set("LONGFORM_EXTRACT_WORKERS", 0, priority="cmdline")
        settings["DOWNLOADER_MIDDLEWARES"].set("spiders.redis_politeness.GlobalPoliteness", 960)
        redis_ledger.attach(self.crawler, self.client, self.site_keys.records)
        # What an incremental rerun decides with is the site's: schedule, captures, runs.
        redis_schedule.attach(self.crawler, self.client, self.site_keys, self.crawl_id)
        redis_captures.attach(self.crawler, self.client, self.site_keys.captures)
        for handler, signal in ((self._engine_started, signals.engine_started),
                                (self._spider_opened, signals.spider_opened),
                                (self._spider_idle, signals.spider_idle),
                                (self._item_through, signals.item_scraped),
                                (self._item_through, signals.item_dropped),
                                (self._item_through, signals.item_error),
                                (self._spider_closed, signals.spider_closed)):
            self.crawler.signals.connect(handler, signal=signal)
        logger.info("Worker %s %s crawl %s on Redis", worker_id,
                    "started" if self.created else "joined", self.crawl_id)

    def release(self, lease: str, page_done: bool) -> None:
        """The request under `lease` is finished with (its records written)."""
        self.held.discard(lease)
        self.items.pop(lease, None)
        self.leases.release(lease, self.worker_id if page_done else None)

    def item_out(self, lease: str) -> None:
        """The callback of the request under `lease` gave a record, not written yet."""
        self.items[lease] = self.items.get(lease, 0) + 1

    def output_done(self, lease: str) -> None:
        """The callback's output is drained: the page is done once its records are through."""
        self.drained.add(lease)
        self._release_if_through(lease)

    def _item_through(self, response: Any = None, **_: Any) -> None:
        lease = response.request.meta.get(LEASE_META) if response is not None else None
        if lease and lease in self.items:
            self.items[lease] -= 1
            self._release_if_through(lease)

    def _release_if_through(self, lease: str) -> None:
        if lease in self.drained and self.items.get(lease, 0) <= 0:
            self.drained.discard(lease)
            self.release(lease, True)

    def claim_comment_page(self, article_url: str, number: int) -> bool:
        """True for the one worker that asks first for this comment page of this article."""
        return bool(self.client.sadd(self.crawl_keys.comment_pages, f"{article_url} {number}"))

    def own_files(self, site_folder: Path, warc_folder: Path) -> bool:
        """This worker left WARC or JSONL files before (then a missing state is a lost one)."""
        prefix = self.crawler.settings["ARCHIVE_PREFIX"]
        return any(warc_folder.glob(f"{prefix}-*.warc.gz")) or any(
            site_folder.glob(f"*.{self.worker_id}.jsonl"))

    def _engine_started(self) -> None:
        self._renewal = task.LoopingCall(self._renew)
        self._renewal.start(max(self.leases.ttl / 3, 0.5), now=False)
        self._waking = task.LoopingCall(self._wake)
        self._waking.start(WAKE_SECONDS, now=False)

    def _wake(self) -> None:
        """An idle worker asks Scrapy for the next request as soon as another worker queued one,
        not at Scrapy's next heartbeat (5 s): Scrapy cannot know the queue grew elsewhere."""
        if self.held or not self.leases.queued():
            return
        slot = getattr(self.crawler.engine, "_slot", None)  # Scrapy has no public "poll now"
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()

    def _spider_opened(self, spider: Any) -> None:
        spider.claim_comment_page = self.claim_comment_page

    def _renew(self) -> None:
        for renew in self.renewers:
            renew()
        held = sorted(self.held)
        kept = self.leases.renew(held)
        if kept < len(held):  # this worker stalled past a deadline: another may fetch them too
            logger.warning("%d of %d leases had expired before renewal", len(held) - kept, len(held))

    def _spider_idle(self) -> None:
        requeued = self.leases.requeue_expired()
        if requeued:
            logger.warning("%d requests of expired leases (a worker stopped) back on the queue", requeued)
        if not self.leases.finished():
            raise DontCloseSpider  # others hold leases, or requests came back: Scrapy asks again

    def _spider_closed(self, reason: str) -> None:
        for loop in (self._renewal, self._waking):
            if loop is not None and loop.running:
                loop.stop()
        if reason == "finished" and self.leases.finished():
            finish_crawl(self.client, self.site_keys, self.crawl_id, _now())
            logger.info("Crawl %s is complete: no request queued or in flight", self.crawl_id)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
