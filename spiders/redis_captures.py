"""The captures shared by the workers of a Redis crawl: validators and the latest full capture.

A rerun sends a conditional request (ETag / Last-Modified) for a URL whichever worker fetched it
last time, and writes its 304, or a 200 with the same body, as a revisit of that capture, which may
be in another worker's WARC file: a revisit names the record it refers to by id, URI and date
(WARC-Refers-To, -Target-URI, -Date), valid WARC whichever file holds it. The hash
`longform:<site>:captures` holds URL -> capture as JSON (its WARC file relative to the site folder,
where every worker's files go, or are copied to); every write also goes to the worker's own state
(table `urls`), so `state.<worker>.sqlite` stays whole. `archive` knows nothing of Redis: the worker
hands its middleware this store through the crawler (`archive.middleware.CAPTURE_STORE`).
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from archive.captures import Capture, CaptureStore
from archive.middleware import CAPTURE_STORE
from spiders.redis_keys import url_object

_REVISIT = """
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local capture = cjson.decode(raw)
capture.fetched_at, capture.status, capture.crawl_id = ARGV[2], tonumber(ARGV[3]), ARGV[4]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(capture))
return 1
"""
"""A revisit in one step: another worker may be writing the same URL's full capture."""


class RedisCaptureStore(CaptureStore):
    """Captures read from Redis; written to Redis and to the worker's own table `urls`."""

    def __init__(self, local: CaptureStore, client: Any, key: str) -> None:
        super().__init__(local.state)
        self.client, self.key = client, key

    def capture(self, url: str) -> Capture | None:
        return _parse(self.client.hget(self.key, url))

    def record_capture(self, capture: Capture) -> None:
        super().record_capture(capture)
        self.client.hset(self.key, capture.url,
                         json.dumps(attrs.asdict(capture), separators=(",", ":")))

    def record_revisit(self, url: str, fetched_at: str, status: int, crawl_id: str) -> None:
        super().record_revisit(url, fetched_at, status, crawl_id)
        self.client.eval(_REVISIT, 1, self.key, url, fetched_at, str(status), crawl_id)


def attach(crawler: Any, client: Any, key: str) -> None:
    """Make the crawler's WARC middleware keep its captures in Redis (set by the worker)."""
    setattr(crawler, CAPTURE_STORE, lambda local: RedisCaptureStore(local, client, key))


_FIELDS = [field.name for field in attrs.fields(Capture)]


def _parse(raw: bytes | str | None) -> Capture | None:
    """A capture's JSON; None when there is none or it is not one (then the URL is fetched whole)."""
    data = url_object(raw)
    if data is None:
        return None
    try:
        return Capture(**{name: data[name] for name in _FIELDS if name in data})
    except TypeError:
        return None
