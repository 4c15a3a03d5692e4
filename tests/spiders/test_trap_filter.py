"""The trap filter: what a crawl requests for a link, and what it refuses (the pure URL policy it
asks is tested in `tests/scrapers/test_url_policy.py`)."""

from __future__ import annotations

from lxml.html import fromstring as parse_html

from scrapers.comment_pages import comment_page_urls
from spiders.trap_filter import TrapFilter

POST = "https://e.org/2019/12/slug/"


def _filter(max_pages: int = 100) -> tuple[TrapFilter, list[str]]:
    counted: list[str] = []
    return TrapFilter(counted.append, max_pages), counted


def test_article_links_are_cleaned_or_refused_and_counted() -> None:
    traps, counted = _filter()
    assert traps.article_url(POST + "?PHPSESSID=1") == POST
    assert traps.article_url(POST + "amp/") is None
    assert traps.article_url(POST + "?utm_source=x&replytocom=3") is None
    assert traps.article_url(POST) == POST
    assert counted == ["longform/trap_cleaned/session", "longform/trap_refused/amp",
                       "longform/trap_cleaned/tracking", "longform/trap_refused/replytocom"]


def test_pagination_stops_at_a_page_repeating_earlier_ones() -> None:
    traps, counted = _filter()
    page1 = ["https://e.org/a/?PHPSESSID=1", "https://e.org/b/"]
    assert traps.next_listing("https://e.org/page/2/?PHPSESSID=1", page1) == "https://e.org/page/2/"
    # Past the end, WordPress themes can answer 200 with the last page again (new session ids).
    assert traps.next_listing("https://e.org/page/3/", ["https://e.org/b/?PHPSESSID=2"]) is None
    assert counted[-1] == "longform/trap_refused/repeated_listing"
    assert traps.next_listing("https://e.org/page/9/", []) is None  # an empty page: the end


def test_pagination_never_follows_a_calendar_and_stops_at_the_depth_limit() -> None:
    traps, counted = _filter(max_pages=2)
    assert traps.next_listing("https://e.org/2019/11/", ["https://e.org/a/"]) is None
    assert traps.next_listing("https://e.org/page/2/", ["https://e.org/b/"]) == "https://e.org/page/2/"
    assert traps.next_listing("https://e.org/page/3/", ["https://e.org/c/"]) is None
    assert counted == ["longform/trap_refused/calendar", "longform/trap_refused/listing_depth"]


def test_comment_page_links_with_tracking_parameters_still_count() -> None:
    tree = parse_html(
        '<div class="comment-navigation"><a href="/slug/comment-page-2/?utm_source=x&amp;PHPSESSID=7#c">'
        'Older</a><a href="/slug/comment-page-3/?replytocom=9#respond">Reply</a></div>'
    )
    pages = comment_page_urls(tree, "https://e.org/slug/?PHPSESSID=1")
    assert pages == {2: "https://e.org/slug/comment-page-2/"}
