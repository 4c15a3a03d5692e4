"""The Scrapy scheduler of a Redis worker: scrapy-redis's, on the leased queue of `spiders.leases`.

scrapy-redis 0.9.1 predates Scrapy 2.19's request fingerprinter: its duplicate filter hashes the URL
itself. Here the fingerprint is the crawler's (`REQUEST_FINGERPRINTER_CLASS`, as Scrapy's own filter
does), and seen-check plus push are one Lua script, so no request is marked seen and then lost.
Requests travel as JSON (bytes as base64), not pickle: what comes out of Redis is data, never code.
The scheduler keeps its queue on close (the other workers still crawl) and pops without blocking;
Scrapy asks again on its next heartbeat.
"""

from __future__ import annotations

import base64
import json
import logging
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.utils.request import request_from_dict
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from archive.middleware import META_KEY
from spiders.redis_worker import LEASE_META, RedisWorker

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)


class FingerprintFilter(RFPDupeFilter):
    """scrapy-redis's filter with the crawler's request fingerprints."""

    def __init__(self, server: Any, key: str, fingerprinter: Any) -> None:
        super().__init__(server, key)
        self.fingerprinter = fingerprinter

    def request_fingerprint(self, request: Request) -> str:
        return str(self.fingerprinter.fingerprint(request).hex())

    def close(self, reason: str = "") -> None:
        """Kept: the crawl's other workers still filter against it."""


class LeasedScheduler(Scheduler):
    """Frontier, duplicate filter and leases shared by every worker of the crawl."""

    def __init__(self, crawler: Crawler, worker: RedisWorker) -> None:
        keys = worker.crawl_keys
        super().__init__(worker.client, persist=True, queue_key=keys.queue, dupefilter_key=keys.seen,
                         dupefilter=FingerprintFilter(worker.client, keys.seen,
                                                      crawler.request_fingerprinter))
        self.crawler = crawler
        self.stats = crawler.stats
        self.worker = worker

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeasedScheduler:
        worker = RedisWorker.of(crawler)
        if worker is None:
            raise RuntimeError("LeasedScheduler needs a Redis worker run (LONGFORM_REDIS_URL)")
        return cls(crawler, worker)

    def open(self, spider: Spider) -> None:
        self.spider = spider
        queued = self.worker.leases.queued()
        if queued:
            logger.info("Joined crawl %s: %d requests queued", self.worker.crawl_id, queued)

    def close(self, reason: str) -> None:
        """The queue stays in Redis: other workers, or this one restarted, go on with it."""

    def __len__(self) -> int:
        return self.worker.leases.queued()

    def has_pending_requests(self) -> bool:
        requeued = self.worker.leases.requeue_expired()
        if requeued:
            logger.warning("%d requests of expired leases (a worker stopped) back on the queue", requeued)
            self.stats.inc_value("scheduler/requeued_expired/redis", requeued)
        return len(self) > 0

    def enqueue_request(self, request: Request) -> bool:
        fingerprint = None if request.dont_filter else self.df.request_fingerprint(request)
        parent = request.meta.pop(LEASE_META, "")  # a redirect or retry of a leased request
        if parent:
            self.worker.held.discard(parent)
        data = encode_request(request, self.spider)
        if not self.worker.leases.push(data, request.priority, fingerprint, parent):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        taken = self.worker.leases.take(self.worker.worker_id)
        if taken is None:
            return None
        lease, data = taken
        request = decode_request(data, self.spider)
        request.meta[LEASE_META] = lease
        self.worker.held.add(lease)
        self.stats.inc_value("scheduler/dequeued/redis")
        return request


_NOT_QUEUED = (META_KEY,)
"""Request meta that belongs to the response just received: a retry of a 500 is a copy of the
request whose meta holds the WARC record of that answer (not JSON, and not the retry's)."""


def encode_request(request: Request, spider: Spider) -> bytes:
    """`request` as JSON bytes (Scrapy's `to_dict`, bytes as {"$b": base64})."""
    data = request.to_dict(spider=spider)
    data["meta"] = {key: value for key, value in (data.get("meta") or {}).items()
                    if key not in _NOT_QUEUED}
    return json.dumps(_plain(data), separators=(",", ":")).encode()


def decode_request(data: bytes, spider: Spider) -> Request:
    return request_from_dict(_restored(json.loads(data)), spider=spider)


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value):
            return {key: _plain(item) for key, item in value.items()}
        return {"$d": [[_plain(key), _plain(item)] for key, item in value.items()]}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot queue a request holding {type(value).__name__} in Redis")


def _restored(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$b"}:
            return base64.b64decode(value["$b"])
        if set(value) == {"$d"}:
            return {_restored(key): _restored(item) for key, item in value["$d"]}
        return {key: _restored(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_restored(item) for item in value]
    return value
