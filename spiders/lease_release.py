"""Release a request's lease once the worker is done with it (`spiders.leases`).

Spider side: once the callback's output is through (its requests queued in Redis) and the item
pipeline is done with each of its records (Scrapy runs items in parallel, so a drained callback is
not yet a written page: `item_scraped`/`item_dropped`/`item_error` count them back), the page
counts as done. Downloader
side: a request that fails for good (no middleware turned the error into a retry or a response)
releases its lease too, else it would come back after the deadline and fail again. A retry or a
redirect hands its lease over when it is queued (`spiders.redis_frontier`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from scrapy import Request as ScrapyRequest
from scrapy.exceptions import NotConfigured

from spiders.redis_worker import LEASE_META, RedisWorker

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class _Releasing:
    def __init__(self, worker: RedisWorker) -> None:
        self.worker = worker

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        worker = RedisWorker.of(crawler)
        if worker is None:
            raise NotConfigured
        return cls(worker)

    def _release(self, request: Request | None, page_done: bool) -> None:
        lease = request.meta.get(LEASE_META) if request is not None else None
        if lease:
            self.worker.release(lease, page_done)


class LeaseReleaseSpider(_Releasing):
    """Spider middleware (outermost): release once the callback's last output and its records
    are through."""

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        lease = _lease(response.request)
        for output in result:
            self._count(lease, output)
            yield output
        if lease:
            self.worker.output_done(lease)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        lease = _lease(response.request)
        async for output in result:
            self._count(lease, output)
            yield output
        if lease:
            self.worker.output_done(lease)

    def _count(self, lease: str | None, output: Any) -> None:
        if lease and output is not None and not isinstance(output, ScrapyRequest):
            self.worker.item_out(lease)

    def process_spider_exception(self, response: Response, exception: Exception) -> None:
        self._release(response.request, False)


class LeaseReleaseDownloader(_Releasing):
    """Downloader middleware (last to see an exception): release a request that failed for good."""

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._release(request, False)


def _lease(request: Request | None) -> str | None:
    return request.meta.get(LEASE_META) if request is not None else None
