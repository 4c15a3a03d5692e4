"""`longform status SITE --redis URL`: what the workers of a shared crawl are doing, from Redis.

Reads only; prints the crawl id and state, requests queued, requests in flight (live leases;
those past their deadline belong to a worker that stopped and go back on the queue when any worker
next looks), requests put back so far, and pages done per worker.
"""

from __future__ import annotations

import sys
from typing import Any

import attrs

from spiders.errors import EXIT_OK, EXIT_TEMPFAIL, UsageError
from spiders.redis_keys import SiteKeys


@attrs.frozen
class CrawlStatus:
    """One look at a shared crawl."""

    site: str
    crawl_id: str | None
    state: str
    queued: int = 0
    in_flight: int = 0
    expired: int = 0
    requeued: int = 0
    done: dict[str, int] = attrs.field(factory=dict)

    def lines(self) -> list[str]:
        if self.crawl_id is None:
            return [f"No crawl of {self.site} in Redis yet: start one with "
                    f"`longform crawl {self.site} --redis URL`"]
        lines = [f"Crawl {self.crawl_id} of {self.site}: {self.state}",
                 f"  queued: {self.queued}",
                 f"  in flight: {self.in_flight} (leases; {self.expired} past their deadline)",
                 f"  put back after a worker stopped: {self.requeued}",
                 f"  pages done: {sum(self.done.values())}"]
        lines += [f"    {worker}: {pages}" for worker, pages in sorted(self.done.items())]
        return lines


def read_status(client: Any, site: str) -> CrawlStatus:
    """The site's current crawl as Redis holds it."""
    keys = SiteKeys(site)
    current = client.get(keys.current)
    if current is None:
        return CrawlStatus(site, None, "none")
    crawl_id = current.decode()
    crawl = keys.crawl(crawl_id)
    seconds, micros = client.time()
    now = seconds + micros / 1e6
    pipe = client.pipeline(transaction=True)
    pipe.hget(keys.crawls + crawl_id, "state").zcard(crawl.queue).zcard(crawl.leases)
    pipe.zcount(crawl.leases, "-inf", now).get(crawl.requeued).hgetall(crawl.done)
    state, queued, leases, expired, requeued, done = pipe.execute()
    return CrawlStatus(site, crawl_id, (state or b"unknown").decode(), queued, leases, expired,
                       int(requeued or 0), {k.decode(): int(v) for k, v in done.items()})


def show_status(site: str, url: str | None) -> int:
    """Print the status of `site`'s shared crawl; 0, or 75 when Redis cannot be reached."""
    if not url:
        raise UsageError("status needs --redis URL (or LONGFORM_REDIS_URL): the crawl lives in Redis")
    from spiders import sites
    from spiders.redis_crawl import RedisUnavailable, connect

    name = site
    if site.startswith(("http://", "https://")) or site.endswith(".toml"):
        try:
            name = sites.resolve(site).name
        except sites.ProfileError as error:
            raise UsageError(str(error)) from None
    try:
        client = connect(url)
    except RedisUnavailable as error:
        print(f"longform: error: {error}", file=sys.stderr)
        return EXIT_TEMPFAIL
    status = read_status(client, name)
    client.close()
    print("\n".join(status.lines()))
    return EXIT_OK
