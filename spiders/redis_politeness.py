"""The site's delay and concurrency held across all workers of a Redis crawl (downloader middleware).

Scrapy's DOWNLOAD_DELAY and CONCURRENT_REQUESTS_PER_DOMAIN are per process: three workers would hit
the site three times as hard. A worker sets its own delay to 0 (`spiders.redis_worker`) and, before
each download, takes one of the site's concurrency tokens (a sorted set of holders with a deadline,
so a killed worker's tokens run out) and then the site's next delay slot (one key holding the
earliest time the next request may start; Lua moves it on by the delay). Times are Redis server
time, the same for every machine. The token is given back when the response or error comes back.

Settings (set by the worker from the profile or --delay/--concurrency):
    LONGFORM_GLOBAL_DELAY (float): seconds between two requests to the site, from any worker
    LONGFORM_GLOBAL_CONCURRENCY (int): requests in flight to the site, all workers together
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from spiders.redis_worker import RedisWorker

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

TOKEN_META = "longform_polite_token"
POLL_SECONDS = 0.02

# KEYS: tokens serial | ARGV: limit ttl owner -> token id or false
_TOKEN = """
local now = redis.call('TIME'); local t = now[1] + now[2] / 1e6
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', t)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return false end
local id = ARGV[3] .. ':' .. redis.call('INCR', KEYS[2])
redis.call('ZADD', KEYS[1], t + tonumber(ARGV[2]), id)
return id
"""
# KEYS: slot | ARGV: delay -> seconds to wait before starting
_SLOT = """
local now = redis.call('TIME'); local t = now[1] + now[2] / 1e6
local start = math.max(t, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], tostring(start + tonumber(ARGV[1])), 'EX', 3600)
return tostring(start - t)
"""


_RENEW = """
local now = redis.call('TIME'); local t = now[1] + now[2] / 1e6 + tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', t, ARGV[i]) end
return 0
"""


class GlobalPoliteness:
    """Waits for a site-wide token and delay slot before each download."""

    def __init__(self, worker: RedisWorker, delay: float, concurrency: int, ttl: float) -> None:
        self.worker, self.delay, self.concurrency, self.ttl = worker, delay, concurrency, ttl
        prefix = worker.site_keys.politeness
        self.tokens, self.serial, self.slot = f"{prefix}:tokens", f"{prefix}:serial", f"{prefix}:slot"
        self.held: set[str] = set()
        worker.renewers.append(self._renew)  # a killed worker's tokens run out with its leases

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GlobalPoliteness:
        worker = RedisWorker.of(crawler)
        if worker is None:
            raise NotConfigured
        settings = crawler.settings
        ttl = worker.leases.ttl
        return cls(worker, settings.getfloat("LONGFORM_GLOBAL_DELAY"),
                   max(settings.getint("LONGFORM_GLOBAL_CONCURRENCY", 1), 1), ttl)

    async def process_request(self, request: Request) -> None:
        client = self.worker.client
        while True:
            token = client.eval(_TOKEN, 2, self.tokens, self.serial, self.concurrency, self.ttl,
                                self.worker.worker_id)
            if token:
                break
            await asyncio.sleep(POLL_SECONDS)
        request.meta[TOKEN_META] = token.decode()
        self.held.add(token.decode())
        if self.delay > 0:
            wait = float(client.eval(_SLOT, 1, self.slot, self.delay))
            if wait > 0:
                await asyncio.sleep(wait)

    def process_response(self, request: Request, response: Response) -> Response:
        self._give_back(request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._give_back(request)

    def _give_back(self, request: Request) -> None:
        token = request.meta.pop(TOKEN_META, None)
        if token:
            self.held.discard(token)
            self.worker.client.zrem(self.tokens, token)

    def _renew(self) -> None:
        if self.held:
            self.worker.client.eval(_RENEW, 1, self.tokens, self.ttl, *sorted(self.held))
