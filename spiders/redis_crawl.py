"""Joining a crawl shared through Redis: the connection, the crawl id, this worker's id.

The first worker of a site creates the crawl (its id goes to `longform:<site>:current`); the others,
on this machine or another, join it while it runs. A finished crawl is not joined: the next worker
starts a new one, so an incremental rerun is just `longform crawl SITE --redis URL` again.

A worker's id names its files (WARCs, JSONL parts, state, log), so it must be unique among the
workers writing into one site folder: by default `<host>-<n>`, the first slot of this machine whose
lock (`<site folder>/workers/<id>.lock`) is free. A worker restarted after a kill takes its old slot
back and so finds its own state. `redis` is imported here only, and only in worker mode.
"""

from __future__ import annotations

import logging
import re
import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from spiders.redis_keys import SiteKeys
from spiders.site_lock import SiteBusy, site_lock

logger = logging.getLogger(__name__)

WORKERS_FOLDER = "workers"
MAX_SLOTS = 64
RUNNING, FINISHED = "running", "finished"

_JOIN = """
local current = redis.call('GET', KEYS[1])
if current and redis.call('HGET', ARGV[3] .. current, 'state') == 'running' then
  return {current, 0}
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', ARGV[3] .. ARGV[1], 'state', 'running', 'started', ARGV[2])
return {ARGV[1], 1}
"""


class RedisUnavailable(Exception):
    """The worker cannot reach Redis or the `redis` package is missing; one line for the user."""


def connect(url: str) -> Any:
    """A Redis client for `url` (redis://HOST:PORT/DB) that answered a PING. Once connected, a
    lost connection (Redis restarting) makes the worker wait for it, with one log line each way,
    instead of failing the crawl (`WaitForRedis`)."""
    try:
        import redis
        from redis.backoff import ExponentialBackoff
        from redis.retry import Retry
    except ImportError:
        raise RedisUnavailable("--redis needs the redis extra: pip install 'longform-archiver[redis]'") \
            from None
    try:
        with redis.Redis.from_url(url, socket_connect_timeout=5) as probe:
            probe.ping()
        retry = waiting_retry(Retry, (redis.ConnectionError, redis.TimeoutError, OSError),
                              ExponentialBackoff(cap=2.0, base=0.1), url)
        client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=30, retry=retry)
    except ValueError as error:
        raise RedisUnavailable(f"bad --redis URL {url!r}: {error}; give redis://HOST:PORT/DB") from None
    except redis.RedisError as error:
        raise RedisUnavailable(f"cannot reach Redis at {url}: {error}") from None
    return client


def waiting_retry(retry: Any, errors: tuple[type[Exception], ...], backoff: Any, url: str) -> Any:
    """A redis-py Retry that never gives up on a lost connection and says so once, and once
    again when Redis answers."""

    class WaitForRedis(retry):  # type: ignore[misc,valid-type]
        def call_with_retry(self, do: Any, fail: Any, *args: Any, **kwargs: Any) -> Any:
            lost: list[float] = []

            def failed(error: Exception, *more: Any) -> Any:
                if not lost:
                    lost.append(time.monotonic())
                    logger.warning("Redis at %s is unreachable (%s); waiting for it", url, error)
                return fail(error, *more)

            result = super().call_with_retry(do, failed, *args, **kwargs)
            if lost:
                logger.warning("Redis at %s is back after %.1f s; going on", url,
                               time.monotonic() - lost[0])
            return result

    return WaitForRedis(backoff, -1, errors)


def join_crawl(client: Any, keys: SiteKeys, new_id: str, started: str) -> tuple[str, bool]:
    """The running crawl's id, or `new_id` made the running one; (id, whether it was created)."""
    crawl_id, created = client.eval(_JOIN, 1, keys.current, new_id, started, keys.crawls)
    return crawl_id.decode(), bool(created)


_FINISH = """
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'finished', ARGV[1])
local started = redis.call('HGET', KEYS[1], 'started')
local last = redis.call('GET', KEYS[2])
if started and (not last or started > last) then redis.call('SET', KEYS[2], started) end
"""


def finish_crawl(client: Any, keys: SiteKeys, crawl_id: str, finished: str) -> None:
    """Mark the crawl finished (the next worker starts a new one) and remember its start: the
    next crawl's change signals ask the site what changed since then (`spiders.redis_schedule`)."""
    client.eval(_FINISH, 2, keys.crawls + crawl_id, keys.last_finished_start, finished, FINISHED)


def host_name() -> str:
    """This machine's name as a file name part (letters, digits, '-')."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", socket.gethostname()).strip("-") or "host"


@contextmanager
def worker_slot(site_folder: Path, wanted: str | None) -> Iterator[str]:
    """Hold a worker id for the block: `wanted`, else the first free `<host>-<n>`."""
    folder = site_folder / WORKERS_FOLDER
    candidates = [wanted] if wanted else [f"{host_name()}-{n}" for n in range(1, MAX_SLOTS + 1)]
    for worker in candidates:
        stack = ExitStack()
        try:
            stack.enter_context(site_lock(folder / worker))
        except SiteBusy:
            if wanted:
                raise
            continue
        with stack:
            yield worker
        return
    raise SiteBusy(site_folder.name, f"all {MAX_SLOTS} worker slots of this machine are taken")


def is_worker_id(text: str) -> bool:
    """A worker id is safe as part of a file name."""
    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]{0,62}", text))
