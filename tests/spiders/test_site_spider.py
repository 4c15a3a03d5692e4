"""The site spider built by Scrapy (`get_crawler`) deciding what to fetch from recorded responses.

Comment pages by number and the REST cross-check are unit-tested in `test_comment_pages.py` and
`test_crosscheck_spider.py`; whole crawls in `test_demo_crawl.py`. Here: the spider as a crawl
builds it, fed pages the real WordPress fixture printed, with no network and no state.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from archive.middleware import META_KEY
from archive.writer import RecordLocation
from scrapers.items import Article, Comment
from scrapers.profile import SiteProfile
from spiders.loader import spider_class
from spiders.site_spider import NOT_WORDPRESS, SiteSpider

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "wordpress-fixture"
DATA = FIXTURE.parent
BASE = "http://127.0.0.1:8089/"
POST = f"{BASE}archives/2019/12/u-s-airstrike-targets-the-islamic-state-commander-near-raqqa.php"
PROFILE = SiteProfile(name="wp", base_url=BASE, concurrency=3, download_delay=0.5, obey_robots=False,
                      user_agent="longform-test/1", use_rest_api=False)


def _spider(profile: SiteProfile = PROFILE, **arguments: Any) -> SiteSpider:
    crawler = get_crawler(spider_class(profile), {"LONGFORM_STATE": False})
    spider = crawler._create_spider(**arguments)
    assert isinstance(spider, SiteSpider)
    return spider


def _response(url: str, body: bytes, headers: dict[str, str] | None = None, archived: bool = True
              ) -> HtmlResponse:
    location = RecordLocation("/d/wp/warc/wp-1.warc.gz", 10, 20, "<urn:uuid:1>", url,
                              "2026-01-02T03:04:05Z", "sha1:X")
    request = scrapy.Request(url, meta={META_KEY: location} if archived else {})
    return HtmlResponse(url, body=body, headers=headers or {"Content-Type": "text/html; charset=UTF-8"},
                        request=request)


def _recorded_http(name: str) -> tuple[dict[str, str], bytes]:
    """Headers and body of an answer recorded with `curl -si` (CRLF head, blank line, body)."""
    head, _, body = (FIXTURE / name).read_bytes().partition(b"\r\n\r\n")
    lines = head.decode("latin-1").splitlines()[1:]
    return dict(line.split(": ", 1) for line in lines), body


def test_the_profile_sets_how_politely_the_site_is_crawled() -> None:
    settings = _spider().crawler.settings
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 3
    assert settings.getint("CONCURRENT_REQUESTS") == 3  # one site per crawl: its limit is the crawl's
    assert settings.getfloat("DOWNLOAD_DELAY") == 0.5
    assert settings.getbool("ROBOTSTXT_OBEY") is False
    assert settings.get("USER_AGENT") == "longform-test/1"


def test_a_wordpress_home_page_leads_to_the_sitemaps_first() -> None:
    headers, body = _recorded_http("plain.home.trimmed.http")
    spider = _spider()
    requests = list(spider.parse_home(_response(BASE, body, headers)))
    assert [r.url for r in requests] == [f"{BASE}wp-sitemap.xml"]
    assert spider.rest_root == f"{BASE}index.php?rest_route=/"


def test_a_site_that_is_not_wordpress_stops_the_crawl_with_its_reason() -> None:
    page = (DATA / "comment-platforms" / "drupal8.gai.co.in.caching.html").read_bytes()
    with pytest.raises(CloseSpider) as stopped:
        list(_spider().parse_home(_response(BASE, page)))
    assert stopped.value.reason == NOT_WORDPRESS


def test_an_archived_article_gives_its_records_and_each_other_comment_page_once() -> None:
    # The permalink of a newest-first thread shows comment page 2 of 2 (tests/data/wordpress-fixture/README).
    body = (FIXTURE / "twentytwentytwo.raqqa.newest.html").read_bytes()
    spider = _spider()
    output = list(spider.parse_article(_response(POST, body)))
    articles = [o for o in output if isinstance(o, Article)]
    comments = [o for o in output if isinstance(o, Comment)]
    requests = [o for o in output if isinstance(o, scrapy.Request)]
    assert len(articles) == 1 and comments
    assert articles[0].provenance is not None and articles[0].provenance.warc_record_id == "<urn:uuid:1>"
    assert [r.url for r in requests] == [f"{POST}/comment-page-1"]
    assert requests[0].callback == spider.parse_article
    again = list(spider.parse_article(_response(f"{POST}/comment-page-2", body)))
    assert not [o for o in again if isinstance(o, scrapy.Request)]  # page 1 is asked for once


def test_a_page_that_was_not_archived_gives_no_record() -> None:
    body = (FIXTURE / "twentytwentytwo.raqqa.newest.html").read_bytes()
    assert list(_spider().parse_article(_response(POST, body, archived=False))) == []


def test_since_drops_an_article_published_before_it() -> None:
    body = (FIXTURE / "twentytwentytwo.raqqa.newest.html").read_bytes()
    assert list(_spider(since="2030-01-01").parse_article(_response(POST, body))) == []
    assert list(_spider(since="2000-01-01").parse_article(_response(POST, body)))
