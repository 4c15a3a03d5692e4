"""The site spider holds a page's incomplete comments until the post's REST comments are in.

Callbacks are called with Scrapy responses shaped like WordPress's (a page whose theme prints
comment text only; the API's answer as tests/data/wordpress-fixture recorded it); the crawl end
to end is tests/sites/wordpress/test_crosscheck_real_wordpress.py.
"""

from __future__ import annotations

import json
from typing import Any

from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, TextResponse
from twisted.python.failure import Failure

from archive.middleware import META_KEY
from archive.writer import RecordLocation
from scrapers.items import Article, Comment
from scrapers.profile import SiteProfile
from spiders.loader import spider_class

BASE = "http://127.0.0.1:8089/"
POST = BASE + "archives/2014/01/post.php"


def _spider(**profile: Any) -> Any:
    return spider_class(SiteProfile(name="t", base_url=BASE, **profile))()


def _location(url: str, date: str = "2026-01-01T00:00:00Z") -> RecordLocation:
    return RecordLocation("/tmp/x.warc.gz", 0, 1, "<urn:uuid:1>", url, date, None)


def _page(url: str, ids: list[str], page: int, head: str = "") -> HtmlResponse:
    comments = "".join(f'<li id="comment-{i}" class="comment depth-1"><div class="comment-content">'
                       f"<p>Text {i}.</p></div></li>" for i in ids)
    body = (f'<html><head><link rel="canonical" href="{url}">{head}</head>'
            f'<body class="single single-post postid-6"><article id="post-6"><h1>T</h1>'
            f'<div class="entry-content"><p>Body.</p></div></article>'
            f'<ol class="comment-list">{comments}</ol>'
            f'<span class="page-numbers current comments-nav">{page}</span></body></html>')
    return HtmlResponse(url, body=body.encode(), encoding="utf-8",
                        request=Request(url, meta={META_KEY: _location(url)}))


def _answer(request: Request, ids: list[str], total_pages: int, status: int = 200) -> TextResponse:
    items = [{"id": int(i), "post": 6, "parent": 0, "author_name": f"Name {i}", "author_url": "",
              "date": "2014-01-04T21:51:23", "date_gmt": "2014-01-05T02:51:23",
              "content": {"rendered": f"<p>Text {i}.</p>"}} for i in ids]
    request.meta[META_KEY] = _location(request.url, f"2026-01-01T00:00:0{request.cb_kwargs['number']}Z")
    headers = {"Content-Type": "application/json", "X-WP-TotalPages": str(total_pages)}
    return TextResponse(request.url, status=status, headers=headers, body=json.dumps(items).encode(),
                        request=request)


def _split(output: Any) -> tuple[list[Comment], list[Request]]:
    items = list(output)
    assert not [i for i in items if not isinstance(i, Comment | Request | Article)]
    return ([i for i in items if isinstance(i, Comment)], [i for i in items if isinstance(i, Request)])


def test_comments_wait_for_every_page_of_the_answer_and_go_out_filled_in_page_order() -> None:
    spider = _spider()
    comments, requests = _split(spider.parse_article(_page(POST, ["8", "9"], 2)))
    assert comments == [] and len(requests) == 1
    ask = requests[0]
    assert "wp-json/wp/v2/comments?post=6&per_page=100&page=1" in ask.url
    assert ask.priority > 0 and ask.errback is not None
    # The post's other comment page waits behind the first: no second request.
    assert _split(spider.parse_article(_page(POST + "/comment-page-1", ["3"], 1))) == ([], [])

    comments, requests = _split(spider.parse_rest_comments(_answer(ask, ["3"], 2), **ask.cb_kwargs))
    assert comments == [] and len(requests) == 1 and "page=2" in requests[0].url
    second = requests[0]
    comments, requests = _split(spider.parse_rest_comments(_answer(second, ["8", "9"], 2),
                                                           **second.cb_kwargs))
    assert requests == []
    assert [(c.id, c.author_raw, c.published_raw, c.text) for c in comments] == [
        ("8", "Name 8", "2014-01-05T02:51:23Z", "Text 8."),
        ("9", "Name 9", "2014-01-05T02:51:23Z", "Text 9."),
        ("3", "Name 3", "2014-01-05T02:51:23Z", "Text 3."),
    ]
    assert all(c.sources == {"author": "rest_api", "published": "rest_api"} for c in comments)
    # A page of the post seen after the answer is filled at once, without asking again.
    later, requests = _split(spider.parse_article(_page(POST + "/comment-page-3", ["9"], 3)))
    assert requests == [] and [(c.id, c.author_raw) for c in later] == [("9", "Name 9")]


def test_a_refused_or_failed_request_lets_the_comments_go_out_as_shown() -> None:
    spider = _spider()
    _, (ask,) = _split(spider.parse_article(_page(POST, ["8"], 1)))
    comments, _ = _split(spider.parse_rest_comments(_answer(ask, [], 1, status=401), **ask.cb_kwargs))
    assert [(c.id, c.author_raw, c.sources) for c in comments] == [("8", None, {})]

    spider = _spider()
    _, (ask,) = _split(spider.parse_article(_page(POST, ["8"], 1)))
    failure = Failure(IgnoreRequest("offsite"))
    failure.request = ask  # type: ignore[attr-defined]
    comments, _ = _split(spider.rest_comments_failed(failure))
    assert [(c.id, c.author_raw) for c in comments] == [("8", None)]


def test_the_api_root_the_page_names_is_asked_plain_permalinks_too() -> None:
    head = f'<link rel="https://api.w.org/" href="{BASE}?rest_route=/">'
    _, (ask,) = _split(_spider().parse_article(_page(BASE + "?p=6", ["8"], 1, head)))
    assert ask.url.startswith(f"{BASE}?rest_route=%2Fwp%2Fv2%2Fcomments&post=6&")


def test_no_request_when_the_profile_turns_the_api_or_the_cross_check_off() -> None:
    for profile in ({"use_rest_api": False}, {"crosscheck": "off"}):
        comments, requests = _split(_spider(**profile).parse_article(_page(POST, ["8"], 1)))
        assert requests == [] and [c.author_raw for c in comments] == [None]
