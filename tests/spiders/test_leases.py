"""The leased frontier (`spiders.leases`) and the request codec (`spiders.redis_frontier`) on a
real private redis-server (tests/redis_server.py)."""

from __future__ import annotations

import time
from typing import Any

import pytest
import scrapy

from spiders.leases import Leases
from spiders.redis_keys import SiteKeys


@pytest.fixture
def leases(client: Any, request: pytest.FixtureRequest) -> Leases:
    return Leases(client, SiteKeys("unit").crawl(request.node.name), ttl=0.3)


def test_a_url_seen_once_is_queued_once(leases: Leases) -> None:
    assert leases.push(b"a", 0, "fp-a")
    assert not leases.push(b"a-again", 0, "fp-a")
    assert leases.push(b"a-retry", 0, None)  # dont_filter: no fingerprint, queued anyway
    assert leases.queued() == 2


def test_higher_priority_comes_out_first_and_becomes_a_lease(leases: Leases) -> None:
    leases.push(b"low", 0, "1")
    leases.push(b"high", 10, "2")
    lease, data = leases.take("w1") or ("", b"")
    assert data == b"high" and lease.startswith("w1:")
    assert leases.queued() == 1 and leases.live() == 1
    assert not leases.finished()


def test_an_expired_lease_goes_back_on_the_queue_with_its_priority(leases: Leases) -> None:
    leases.push(b"page", 5, "1")
    leases.push(b"other", 0, "2")
    taken = leases.take("dead-worker")
    assert taken is not None and taken[1] == b"page"
    assert leases.requeue_expired() == 0  # still live
    time.sleep(0.4)
    assert leases.requeue_expired() == 1
    assert leases.live() == 0
    assert (leases.take("w2") or ("", b""))[1] == b"page"  # ahead of "other" again


def test_a_renewed_lease_does_not_expire(leases: Leases) -> None:
    leases.push(b"page", 0, "1")
    lease, _ = leases.take("w1") or ("", b"")
    for _ in range(4):
        time.sleep(0.15)
        assert leases.renew([lease]) == 1
    assert leases.requeue_expired() == 0 and leases.live() == 1


def test_a_released_lease_is_done_and_counted(leases: Leases, client: Any) -> None:
    leases.push(b"page", 0, "1")
    lease, _ = leases.take("w1") or ("", b"")
    leases.release(lease, done_by="w1")
    assert leases.finished()
    assert client.hget(leases.keys.done, "w1") == b"1"
    assert leases.renew([lease]) == 0  # gone: nothing to renew


def test_a_redirect_hands_its_lease_over_in_the_same_step(leases: Leases) -> None:
    leases.push(b"old-url", 0, "1")
    lease, _ = leases.take("w1") or ("", b"")
    assert leases.push(b"new-url", 0, "2", handed_over=lease)
    assert leases.live() == 0 and leases.queued() == 1
    time.sleep(0.4)
    assert leases.requeue_expired() == 0  # the old request does not come back


def test_requests_travel_as_json_and_come_back_equal() -> None:
    from spiders.redis_frontier import decode_request, encode_request

    class Spider(scrapy.Spider):
        name = "codec"

        def parse_article(self, response: Any) -> None:
            """A callback the request names."""

    spider = Spider()
    request = scrapy.Request("http://127.0.0.1/a?x=1", callback=spider.parse_article, priority=3,
                             headers={"If-None-Match": '"abc"'}, cb_kwargs={"probe": 1},
                             meta={"dont_revalidate": True, "raw": b"\x00\xff"})
    data = encode_request(request, spider)
    assert b"\x00" not in data and data.startswith(b"{")  # JSON, not pickle
    back = decode_request(data, spider)
    assert (back.url, back.priority, back.cb_kwargs) == (request.url, 3, {"probe": 1})
    assert back.callback == spider.parse_article
    assert back.headers.get("If-None-Match") == b'"abc"'
    assert back.meta["raw"] == b"\x00\xff" and back.meta["dont_revalidate"] is True


def test_a_retried_request_is_queued_without_the_warc_record_of_the_answer_it_retries() -> None:
    # The archive middleware puts the 500's WARC record in the request's meta before the retry
    # middleware copies the request: queued as is, it could not be sent to Redis (and hung a crawl).
    from archive.middleware import META_KEY
    from archive.writer import RecordLocation
    from spiders.redis_frontier import decode_request, encode_request

    spider = scrapy.Spider(name="codec")
    location = RecordLocation("a.warc.gz", 0, 10, "<urn:uuid:1>", "http://127.0.0.1/a", "2026", None)
    request = scrapy.Request("http://127.0.0.1/a", meta={META_KEY: location, "refetch": True})
    back = decode_request(encode_request(request, spider), spider)
    assert META_KEY not in back.meta and back.meta["refetch"] is True
