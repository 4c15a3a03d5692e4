"""REST API discovery in the site spider: what it asks for next, given the API's real answer shape.

The spider's callbacks are called with Scrapy responses built from the answers WordPress gives
(tests/data/wordpress-fixture); a crawl through the REST listing end to end is in
tests/sites/wordpress/test_crawl_real_wordpress.py and below on the sample site.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Request, TextResponse
from warcio.archiveiterator import ArchiveIterator

from scrapers.profile import SiteProfile
from spiders.loader import spider_class
from tests.sites.sample_site import serve_sample_site

BASE = "http://127.0.0.1:8089/"
ROOT = BASE + "wp-json/"
LONGFORM = [sys.executable, "-m", "spiders.cli"]


def _spider(**kwargs: Any) -> Any:
    profile = SiteProfile(name="t", base_url=BASE, use_sitemaps=False)
    return spider_class(profile)(**kwargs)


def _answer(page: int, total_pages: int, dates: list[str], status: int = 200) -> TextResponse:
    posts = [{"id": 100 - i, "date_gmt": d, "modified_gmt": d, "link": f"{BASE}archives/p{page}-{i}.php"}
             for i, d in enumerate(dates)]
    headers = {"Content-Type": "application/json; charset=UTF-8", "X-WP-TotalPages": str(total_pages)}
    return TextResponse(f"{ROOT}wp/v2/posts?page={page}", status=status, headers=headers,
                        body=json.dumps(posts).encode())


def _urls(output: Any) -> list[str]:
    return [r.url for r in output if isinstance(r, Request)]


def test_each_post_is_requested_and_the_next_page_after_it_until_the_last() -> None:
    spider = _spider()
    first = _urls(spider.parse_rest_posts(_answer(1, 2, ["2024-05-01T10:00:00"] * 3), ROOT, 1))
    assert first[:3] == [f"{BASE}archives/p1-{i}.php" for i in range(3)]
    assert len(first) == 4 and "page=2&" in first[3] and "per_page=100" in first[3]
    last = _urls(spider.parse_rest_posts(_answer(2, 2, ["2024-04-01T10:00:00"]), ROOT, 2))
    assert last == [f"{BASE}archives/p2-0.php"]


def test_max_articles_stops_the_listing() -> None:
    spider = _spider(max_articles="2")
    urls = _urls(spider.parse_rest_posts(_answer(1, 5, ["2024-05-01T10:00:00"] * 3), ROOT, 1))
    assert urls == [f"{BASE}archives/p1-0.php", f"{BASE}archives/p1-1.php"]


def test_since_skips_older_posts_by_gmt_date_and_stops_the_listing() -> None:
    spider = _spider(since="2024-05-01")
    answer = _answer(1, 5, ["2024-05-02T01:00:00", "2024-05-01T00:30:00", "2024-04-30T23:59:00"])
    assert _urls(spider.parse_rest_posts(answer, ROOT, 1)) == [
        f"{BASE}archives/p1-0.php", f"{BASE}archives/p1-1.php"]


def test_an_api_that_refuses_sends_discovery_to_the_feed_and_archive_pages() -> None:
    refused = TextResponse(f"{ROOT}wp/v2/posts", status=401,
                           headers={"Content-Type": "application/json"},
                           body=b'{"code":"rest_disabled","data":{"status":401}}')
    requests = [r for r in _spider().parse_rest_posts(refused, ROOT, 1) if isinstance(r, scrapy.Request)]
    assert [r.url for r in requests] == [BASE, BASE + "feed/"]
    assert requests[0].dont_filter  # the home page again, now as the first archive page


def _crawl(tmp_path: Path, base_url: str, extra_profile: str, *args: str) -> tuple[list[str], int]:
    profile = tmp_path / "sample.toml"
    profile.write_text(f'name = "sample"\nbase_url = "{base_url}/"\ntimezone = "America/New_York"\n'
                       "autothrottle = false\ndownload_delay = 0\nconcurrency = 4\n"
                       f"use_sitemaps = false\n{extra_profile}")
    out = tmp_path / "out"
    result = subprocess.run([*LONGFORM, "crawl", str(profile), "--out", str(out), *args],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    uris = []
    for path in sorted(out.glob("sample/warc/*.warc.gz")):
        with path.open("rb") as stream:
            uris += [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(stream)
                     if r.rec_type == "response"]
    return uris, len((out / "sample" / "articles.jsonl").read_bytes().splitlines())


def test_sample_site_crawl_lists_posts_through_rest_and_stops_at_max_articles(tmp_path: Path) -> None:
    with serve_sample_site() as base_url:
        uris, articles = _crawl(tmp_path, base_url, "", "--max-articles", "3")
    assert articles == 3
    assert [u for u in uris if "/wp-json/" in u] == [
        f"{base_url}/wp-json/wp/v2/posts?per_page=100&page=1&_fields=id%2Clink%2Cdate_gmt%2Cmodified_gmt"]
    assert not [u for u in uris if "/page/" in u]


def test_sample_site_crawl_with_the_api_turned_off_sends_it_nothing(tmp_path: Path) -> None:
    with serve_sample_site() as base_url:
        uris, articles = _crawl(tmp_path, base_url, "use_rest_api = false\n")
    assert articles == 12
    assert not [u for u in uris if "/wp-json/" in u]
    assert [u for u in uris if "/page/2/" in u]
