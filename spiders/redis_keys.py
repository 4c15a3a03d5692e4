"""Where a crawl keeps its shared state in Redis: the key names, in one place. No Redis here.

Per site (they outlive a crawl): the current crawl id, the record ledger (content hash per record
key, so each record is written once by whichever worker meets it first), what an incremental rerun
decides with (the article schedule, the captures with their validators, the last finished crawl's
start) and the politeness slot.
Per crawl (`longform:<site>:<crawl id>:...`): the frontier (a sorted set, score = -priority), the
duplicate filter (request fingerprints), the leases (in-flight requests with their deadline), the
comment pages claimed per article and the pages done per worker.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

ROOT = "longform"


@attrs.frozen
class SiteKeys:
    """The keys of one site, whatever its crawl."""

    site: str

    @property
    def prefix(self) -> str:
        return f"{ROOT}:{self.site}"

    @property
    def current(self) -> str:
        """The id of the crawl workers join (string)."""
        return f"{self.prefix}:current"

    @property
    def crawls(self) -> str:
        """Prefix of each crawl's own hash (`<crawls><crawl id>`: state, started, finished)."""
        return f"{self.prefix}:crawl:"

    @property
    def records(self) -> str:
        """Record key -> content hash (hash): the ledger every worker writes through."""
        return f"{self.prefix}:records"

    @property
    def schedule(self) -> str:
        """Article URL -> its thread as last seen, JSON (hash): `spiders.redis_schedule`."""
        return f"{self.prefix}:articles"

    @property
    def captures(self) -> str:
        """URL -> its latest capture (validators, payload digest, WARC record), JSON (hash):
        `spiders.redis_captures`."""
        return f"{self.prefix}:captures"

    @property
    def last_finished_start(self) -> str:
        """When the newest finished crawl started (string, 'YYYY-MM-DDTHH:MM:SSZ')."""
        return f"{self.prefix}:last_finished_start"

    @property
    def politeness(self) -> str:
        """Prefix of the site's global delay slot and concurrency tokens."""
        return f"{self.prefix}:polite"

    def crawl(self, crawl_id: str) -> CrawlKeys:
        return CrawlKeys(f"{self.prefix}:{crawl_id}")


@attrs.frozen
class CrawlKeys:
    """The keys of one crawl of a site."""

    prefix: str

    @property
    def queue(self) -> str:
        return f"{self.prefix}:queue"

    @property
    def seen(self) -> str:
        return f"{self.prefix}:seen"

    @property
    def leases(self) -> str:
        """Lease id -> deadline (sorted set, Redis server time in seconds)."""
        return f"{self.prefix}:leases"

    @property
    def leased(self) -> str:
        """Lease id -> the request it holds, as queued (hash)."""
        return f"{self.prefix}:leased"

    @property
    def lease_scores(self) -> str:
        """Lease id -> the request's queue score (hash), to put it back where it was."""
        return f"{self.prefix}:lease_scores"

    @property
    def lease_serial(self) -> str:
        return f"{self.prefix}:lease_serial"

    @property
    def comment_pages(self) -> str:
        """'<article url> <page number>' claimed by some worker (set)."""
        return f"{self.prefix}:comment_pages"

    @property
    def done(self) -> str:
        """Worker id -> pages it finished (hash)."""
        return f"{self.prefix}:done"

    @property
    def requeued(self) -> str:
        """Requests put back on the queue after their lease expired (counter)."""
        return f"{self.prefix}:requeued"


def url_object(raw: bytes | str | None) -> dict[str, Any] | None:
    """A per-URL value read back from Redis (a capture, an article): the JSON object, or None when
    there is none or it is not an object with a `url` string (Redis holds data, never trusted)."""
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) and isinstance(data.get("url"), str) else None
