"""The shared frontier with leases: no request is lost when a worker dies. Redis only, no Scrapy.

scrapy-redis pops a request and forgets it, so a killed worker loses what it had in flight. Here
a pop moves the request, in one Lua script, from the queue to a lease: its data is kept under a
lease id with a deadline (Redis server time, so the clocks of the workers' machines do not matter).
The worker renews its leases while it works and releases each once the page's records are written;
whoever finds a lease past its deadline puts the request back on the queue with its old priority.
A request that is followed by another (a redirect, a retry) hands its lease over in the same script
that queues the new one. The crawl is over when the queue is empty and no lease is live.
"""

from __future__ import annotations

from typing import Any

import attrs

from spiders.redis_keys import CrawlKeys

# KEYS: queue seen | ARGV: data score fingerprint ('' = no filter) lease-to-release
_PUSH = """
if ARGV[4] ~= '' then
  redis.call('ZREM', KEYS[3], ARGV[4]); redis.call('HDEL', KEYS[4], ARGV[4]);
  redis.call('HDEL', KEYS[5], ARGV[4])
end
if ARGV[3] ~= '' and redis.call('SADD', KEYS[2], ARGV[3]) == 0 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
"""
# KEYS: queue leases leased scores serial | ARGV: ttl owner
_TAKE = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
local now = redis.call('TIME')
local id = ARGV[2] .. ':' .. redis.call('INCR', KEYS[5])
redis.call('ZADD', KEYS[2], now[1] + now[2] / 1e6 + tonumber(ARGV[1]), id)
redis.call('HSET', KEYS[3], id, top[1]); redis.call('HSET', KEYS[4], id, top[2])
return {id, top[1]}
"""
# KEYS: queue leases leased scores requeued
_REQUEUE_EXPIRED = """
local now = redis.call('TIME')
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now[1] + now[2] / 1e6)
for _, id in ipairs(ids) do
  local data = redis.call('HGET', KEYS[3], id)
  if data then redis.call('ZADD', KEYS[1], redis.call('HGET', KEYS[4], id) or 0, data) end
  redis.call('ZREM', KEYS[2], id); redis.call('HDEL', KEYS[3], id); redis.call('HDEL', KEYS[4], id)
end
if #ids > 0 then redis.call('INCRBY', KEYS[5], #ids) end
return #ids
"""
# KEYS: leases | ARGV: ttl id...
_RENEW = """
local now = redis.call('TIME')
local deadline = now[1] + now[2] / 1e6 + tonumber(ARGV[1])
local kept = 0
for i = 2, #ARGV do kept = kept + redis.call('ZADD', KEYS[1], 'XX', 'CH', deadline, ARGV[i]) end
return kept
"""


@attrs.define
class Leases:
    """The queue, duplicate filter and leases of one crawl."""

    client: Any
    keys: CrawlKeys
    ttl: float = 30.0
    """Seconds a lease lives unless renewed; a killed worker's requests wait this long."""

    def push(self, data: bytes, priority: int, fingerprint: str | None, handed_over: str = "") -> bool:
        """Queue `data` unless `fingerprint` was seen; release `handed_over` (its parent's lease)."""
        keys = self.keys
        return bool(self.client.eval(
            _PUSH, 5, keys.queue, keys.seen, keys.leases, keys.leased, keys.lease_scores,
            data, -priority, fingerprint or "", handed_over))

    def take(self, owner: str) -> tuple[str, bytes] | None:
        """The next request and the id of the lease `owner` now holds on it, or None."""
        keys = self.keys
        taken = self.client.eval(_TAKE, 5, keys.queue, keys.leases, keys.leased,
                                 keys.lease_scores, keys.lease_serial, self.ttl, owner)
        return (taken[0].decode(), taken[1]) if taken else None

    def release(self, lease: str, done_by: str | None = None) -> None:
        """The leased request is finished with (`done_by`: a page that worker completed)."""
        pipe = self.client.pipeline(transaction=True)
        pipe.zrem(self.keys.leases, lease).hdel(self.keys.leased, lease).hdel(self.keys.lease_scores, lease)
        if done_by:
            pipe.hincrby(self.keys.done, done_by, 1)
        pipe.execute()

    def renew(self, leases: list[str]) -> int:
        """Push the deadlines of `leases` on by `ttl`; how many were still live."""
        if not leases:
            return 0
        return int(self.client.eval(_RENEW, 1, self.keys.leases, self.ttl, *leases))

    def requeue_expired(self) -> int:
        """Put the requests of expired leases back on the queue; how many."""
        keys = self.keys
        return int(self.client.eval(_REQUEUE_EXPIRED, 5, keys.queue, keys.leases, keys.leased,
                                    keys.lease_scores, keys.requeued))

    def queued(self) -> int:
        return int(self.client.zcard(self.keys.queue))

    def live(self) -> int:
        """Leases not yet released (some may be past their deadline until requeued)."""
        return int(self.client.zcard(self.keys.leases))

    def finished(self) -> bool:
        """No request queued and none in flight anywhere: the crawl is complete."""
        self.requeue_expired()
        pipe = self.client.pipeline(transaction=True)
        queued, live = pipe.zcard(self.keys.queue).zcard(self.keys.leases).execute()
        return queued == 0 and live == 0
