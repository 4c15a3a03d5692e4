"""The WARC downloader middleware built by Scrapy (`get_crawler`), fed recorded responses.

Real crawls through it are in `test_middleware_crawl.py` and `test_revisits.py`; here each
decision on its own: what is written, what the response carries on, which requests turn
conditional, what a 304 or an unchanged body becomes, and whose state connection it uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from archive.captures import CaptureStore
from archive.middleware import META_KEY, WarcArchiveMiddleware
from archive.records import REVISIT_IDENTICAL, REVISIT_NOT_MODIFIED
from archive.state import StateDB, attach
from archive.writer import RecordLocation

DATA = Path(__file__).resolve().parents[1] / "data"
URL = "http://127.0.0.1:9/blog/vreni-frost-instagram-abmahnung/"
BODY = (DATA / "real-wordpress" / "moritz-meyer.net.vreni.html").read_bytes()
VALIDATORS = {"ETag": '"v1"', "Last-Modified": "Tue, 19 Jun 2018 10:00:00 GMT"}


NO_NETWORK = {"DOWNLOAD_HANDLERS": {"http": None, "https": None}}
"""Responses come from the test, never from a download handler (these need a running reactor)."""


class Site(scrapy.Spider):
    name = "site"


def _crawler(tmp_path: Path, state: StateDB | None = None, **settings: Any
             ) -> tuple[Crawler, WarcArchiveMiddleware]:
    crawler = get_crawler(Site, {"DOWNLOADER_MIDDLEWARES": {"archive.middleware.WarcArchiveMiddleware": 950},
                                 **NO_NETWORK, "ARCHIVE_DIR": str(tmp_path / "warc"),
                                 "ARCHIVE_PREFIX": "site", "ARCHIVE_CRAWL_ID": "run-1",
                                 "ARCHIVE_INFO": {"site": "site"}, **settings})
    if state is not None:
        attach(crawler, state)  # what the run extension does before the engine is built
    crawler.spider = crawler._create_spider()
    crawler.engine = crawler._create_engine()
    middlewares = [m for m in crawler.engine.downloader.middleware.middlewares
                   if isinstance(m, WarcArchiveMiddleware)]
    assert len(middlewares) <= 1
    return crawler, middlewares[0] if middlewares else None  # type: ignore[return-value]


def _fetch(middleware: WarcArchiveMiddleware, status: int = 200, body: bytes = BODY,
           **meta: Any) -> tuple[scrapy.Request, Response]:
    request = scrapy.Request(URL, meta=meta)
    middleware.process_request(request)
    response = HtmlResponse(URL, status=status, body=body, request=request,
                            headers={"Content-Type": "text/html; charset=UTF-8", **VALIDATORS})
    return request, middleware.process_response(request, response)


def _close(crawler: Crawler) -> None:
    crawler.signals.send_catch_log(scrapy.signals.spider_closed, spider=crawler.spider, reason="finished")


def _records(crawler: Crawler) -> list[tuple[str, str | None]]:
    assert crawler.stats is not None
    found = []
    for path in crawler.stats.get_value("archive/files"):
        with open(path, "rb") as stream:
            found += [(r.rec_type, r.rec_headers.get_header("WARC-Profile")) for r in ArchiveIterator(stream)]
    return found


def test_each_response_is_written_once_and_carries_where_it_is(tmp_path: Path) -> None:
    crawler, middleware = _crawler(tmp_path)
    request, response = _fetch(middleware)
    location = request.meta[META_KEY]
    assert isinstance(location, RecordLocation) and location.target_uri == URL
    assert Path(location.warc_file).parent == tmp_path / "warc"
    assert middleware.process_response(request, response) is response  # through again: not twice
    cached = HtmlResponse(URL, body=BODY, flags=["cached"], request=scrapy.Request(URL))
    middleware.process_response(cached.request, cached)
    _close(crawler)
    assert _records(crawler) == [("warcinfo", None), ("response", None), ("request", None)]
    assert crawler.stats is not None and crawler.stats.get_value("archive/records") == 2


def test_without_state_no_request_turns_conditional(tmp_path: Path) -> None:
    crawler, middleware = _crawler(tmp_path)
    _fetch(middleware)
    request, _ = _fetch(middleware)
    _close(crawler)
    assert b"If-None-Match" not in request.headers


def test_with_state_a_second_fetch_is_conditional_and_its_answers_become_revisits(tmp_path: Path) -> None:
    state = StateDB(tmp_path / "state.sqlite")
    crawler, middleware = _crawler(tmp_path, state)
    first, _ = _fetch(middleware)
    second, _ = _fetch(middleware, status=304, body=b"")
    assert second.headers[b"If-None-Match"] == b'"v1"'
    assert second.headers[b"If-Modified-Since"] == VALIDATORS["Last-Modified"].encode()
    assert second.meta[META_KEY].record_id != first.meta[META_KEY].record_id  # the 304's own record
    third, _ = _fetch(middleware)  # the same body again: it points at the first capture's record
    assert third.meta[META_KEY] == first.meta[META_KEY]
    sitemap, _ = _fetch(middleware, dont_revalidate=True)
    assert b"If-None-Match" not in sitemap.headers
    _close(crawler)
    assert [kind for kind in _records(crawler) if kind[0] == "revisit"] == [
        ("revisit", REVISIT_NOT_MODIFIED), ("revisit", REVISIT_IDENTICAL), ("revisit", REVISIT_IDENTICAL)]
    assert crawler.stats is not None and crawler.stats.get_value("archive/revisits/304") == 1
    # The run's shared connection stays open for the other components: its owner closes it.
    assert CaptureStore(state).capture(URL) is not None
    state.close()


def test_a_full_crawl_asks_for_everything_whole(tmp_path: Path) -> None:
    state = StateDB(tmp_path / "state.sqlite")
    crawler, middleware = _crawler(tmp_path, state, ARCHIVE_CONDITIONAL=False)
    _fetch(middleware)
    request, _ = _fetch(middleware)
    _close(crawler)
    assert b"If-None-Match" not in request.headers and b"If-Modified-Since" not in request.headers
    state.close()


def test_a_state_file_setting_is_opened_when_no_run_shares_one(tmp_path: Path) -> None:
    crawler, middleware = _crawler(tmp_path, ARCHIVE_STATE_FILE=str(tmp_path / "own.sqlite"))
    _fetch(middleware)
    request, _ = _fetch(middleware)
    assert request.headers[b"If-None-Match"] == b'"v1"'
    _close(crawler)
    assert middleware.owned_state is not None
    reopened = StateDB(tmp_path / "own.sqlite")
    assert CaptureStore(reopened).capture(URL) is not None
    reopened.close()


def test_no_folder_or_turned_off_means_no_middleware(tmp_path: Path) -> None:
    assert _crawler(tmp_path, ARCHIVE_DIR="")[1] is None
    assert _crawler(tmp_path, ARCHIVE_ENABLED=False)[1] is None
