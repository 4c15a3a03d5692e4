"""The outage middleware built by Scrapy (`get_crawler`): which answers mean the site is down, what
goes back to the scheduler, when the crawl gives up and what it then reports as never fetched.

The back-off arithmetic is in `test_outage_policy.py`; a real server going away mid-crawl in
`tests/faults/test_outage.py`.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadConnectionRefusedError, IgnoreRequest
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from scrapers.profile import Outage, SiteProfile
from spiders import settings as project
from spiders.loader import spider_class
from spiders.outage import NOT_FETCHED_STAT, OUTAGE_REASON, OutageMiddleware

BASE = "http://127.0.0.1:9/"
PAGE = Request(f"{BASE}2024/05/post/")
# The middleware where the project puts it (before RetryMiddleware), without the WARC middleware.
MIDDLEWARES = {"DOWNLOAD_HANDLERS": {"http": None, "https": None}, "DOWNLOADER_MIDDLEWARES": {
    name: order for name, order in project.DOWNLOADER_MIDDLEWARES.items()
    if name.endswith(".OutageMiddleware")}}


def _middleware(outage: Outage | None = None, **settings: Any) -> tuple[Crawler, OutageMiddleware]:
    profile = SiteProfile(name="wp", base_url=BASE, outage=outage or Outage())
    crawler = get_crawler(spider_class(profile), {**MIDDLEWARES, "LONGFORM_OUTAGE_THRESHOLD": 2, **settings})
    crawler.spider = crawler._create_spider()
    crawler.engine = crawler._create_engine()  # built, not started: it has no spider to close
    [middleware] = [m for m in crawler.engine.downloader.middleware.middlewares
                    if isinstance(m, OutageMiddleware)]
    return crawler, middleware


def _answer(status: int, request: Request = PAGE, **headers: str) -> Response:
    return Response(request.url, status=status, headers=headers, request=request)


def _stat(crawler: Crawler, key: str) -> Any:
    assert crawler.stats is not None
    return crawler.stats.get_value(key)


def test_it_sits_in_the_crawls_downloader_with_the_profiles_limits_over_the_settings() -> None:
    _, middleware = _middleware(Outage(threshold=7, max_duration=60.0))
    assert middleware.policy.limits.threshold == 7 and middleware.policy.limits.max_duration == 60.0
    _, default = _middleware()
    assert default.policy.limits.threshold == 2  # the setting, where the profile keeps the default


def test_the_site_is_off_for_the_middleware_when_disabled() -> None:
    crawler = get_crawler(spider_class(SiteProfile(name="wp", base_url=BASE)),
                          {**MIDDLEWARES, "LONGFORM_OUTAGE_ENABLED": False})
    engine = crawler._create_engine()
    assert not [m for m in engine.downloader.middleware.middlewares if isinstance(m, OutageMiddleware)]


def test_failures_after_a_page_requeue_the_request_and_a_good_answer_ends_the_outage(
    caplog: pytest.LogCaptureFixture,
) -> None:
    crawler, middleware = _middleware()
    assert middleware.process_response(PAGE, _answer(200)).status == 200  # the site has answered
    first = _answer(503)
    assert middleware.process_response(PAGE, first) is first  # one failure: RetryMiddleware's turn
    with caplog.at_level(logging.WARNING, logger="spiders.outage"):
        again = middleware.process_exception(PAGE, DownloadConnectionRefusedError("refused"))
    assert isinstance(again, Request) and again.url == PAGE.url
    assert again.dont_filter and again.priority == PAGE.priority + 1  # the same page, not a duplicate
    assert _stat(crawler, "outage/requeued") == 1 and _stat(crawler, "outage/failures") == 1
    assert "The site looks down (DownloadConnectionRefusedError, 2 failures in a row)" in caplog.text
    middleware.process_response(PAGE, _answer(200))
    assert _stat(crawler, "outage/count") == 1 and _stat(crawler, "outage/longest_seconds") >= 0


def test_a_site_that_only_answered_robots_txt_is_not_waited_for() -> None:
    _, middleware = _middleware()
    robots = Request(f"{BASE}robots.txt")
    middleware.process_response(robots, _answer(200, robots))
    for _ in range(3):  # a wrong address or a site down from the start fails fast, as without it
        assert middleware.process_response(PAGE, _answer(503)).status == 503


def test_other_errors_are_not_an_outage() -> None:
    _, middleware = _middleware()
    middleware.process_response(PAGE, _answer(200))
    assert middleware.process_exception(PAGE, ValueError("a bug")) is None
    assert middleware.process_response(PAGE, _answer(404)).status == 404
    assert middleware.policy.failures == 0


def test_a_retry_after_longer_than_allowed_gives_up_and_names_what_was_never_fetched() -> None:
    crawler, middleware = _middleware(Outage(max_duration=30.0))
    for url in (PAGE.url, f"{BASE}2024/06/other/", f"{BASE}2024/06/other/"):
        crawler.signals.send_catch_log(signals.request_scheduled, request=Request(url), spider=crawler.spider)
    middleware.process_response(PAGE, _answer(200))
    crawler.signals.send_catch_log(signals.response_received, response=_answer(200), request=PAGE,
                                   spider=crawler.spider)
    with pytest.raises(IgnoreRequest):
        middleware.process_response(PAGE, _answer(503, **{"Retry-After": "3600"}))
    assert middleware.stopping and _stat(crawler, "outage/gave_up_after_seconds") is not None
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason=OUTAGE_REASON)
    assert _stat(crawler, NOT_FETCHED_STAT) == [f"{BASE}2024/06/other/"]
